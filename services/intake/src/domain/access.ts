import type { Role, Scope } from '@safeguard/contracts';

export interface Who {
  role: Role;
  scope: Scope;
}

export interface ChildPlacement {
  homeId: string;
  placingCouncil: string;
  hostCouncil: string;
}

const HOME_ROLES: readonly Role[] = ['care-staff', 'home-duty-manager'];
const COUNCIL_ROLES: readonly Role[] = [
  'on-call-manager', 'duty-managers-manager', 'social-worker', 'out-of-hours-team', 'team-manager', 'service-manager',
  'assistant-director', 'director', 'iro', 'strategy-meeting-chair', 'admin',
];
export const POLICE_ROLES: readonly Role[] = ['police-liaison-officer', 'control-room-inspector'];

/** Care staff act only for their home's children; council roles for children their council places or hosts. */
export function mayActFor(who: Who, child: ChildPlacement): boolean {
  if (HOME_ROLES.includes(who.role)) return who.scope.kind === 'home' && who.scope.id === child.homeId;
  if (COUNCIL_ROLES.includes(who.role)) {
    return who.scope.kind === 'council' && [child.placingCouncil, child.hostCouncil].includes(who.scope.id);
  }
  return false;
}

/** Police see a pack only for a live episode in their force area (domain §5: a disclosure, logged every time). */
export function policeMayReadPack(who: Who, openEpisodeForce: string | undefined): boolean {
  return POLICE_ROLES.includes(who.role) && who.scope.kind === 'police-force' && openEpisodeForce === who.scope.id;
}
