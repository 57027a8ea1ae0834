import { HOME_ROLES, isPoliceRole, type Role, type Scope } from '@safeguard/contracts';

export interface Who {
  role: Role;
  scope: Scope;
}

export interface ChildPlacement {
  homeId: string;
  placingCouncil: string;
  hostCouncil: string;
}

const COUNCIL_ROLES: readonly Role[] = [
  'on-call-manager', 'duty-managers-manager', 'social-worker', 'out-of-hours-team', 'team-manager', 'service-manager',
  'assistant-director', 'director', 'iro', 'strategy-meeting-chair', 'admin',
];

/** Care staff act only for their home's children; council roles for children their council places or hosts. */
export function mayActFor(who: Who, child: ChildPlacement): boolean {
  if (HOME_ROLES.includes(who.role)) return who.scope.kind === 'home' && who.scope.id === child.homeId;
  if (COUNCIL_ROLES.includes(who.role)) {
    return who.scope.kind === 'council' && [child.placingCouncil, child.hostCouncil].includes(who.scope.id);
  }
  return false;
}

/**
 * A police role of this force. Police see a pack only for a live episode in their force area (docs/domain.md §5: a
 * disclosure, logged every time), and record their reference and grade only on episodes there.
 */
export function policeOfForce(who: Who, force: string | undefined): boolean {
  return isPoliceRole(who.role) && who.scope.kind === 'police-force' && force === who.scope.id;
}
