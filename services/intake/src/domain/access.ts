import { HOME_ROLES, INSIGHT_ROLES, isPoliceRole, type Role } from '@safeguard/contracts';
import { allow, definePolicy, hide, inScope, refuse, type Verdict, type Who } from '@safeguard/platform/policy';

/** Where a child is placed: the home, the council that placed them and the council that hosts the home. */
export interface ChildPlacement {
  homeId: string;
  placingCouncil: string;
  hostCouncil: string;
}

/** A child's placement and the police force of their home (an episode, or a child being reported). */
export interface PlacementInForce extends ChildPlacement {
  policeForce: string;
}

const COUNCIL_ROLES: readonly Role[] = [
  'on-call-manager', 'duty-managers-manager', 'social-worker', 'out-of-hours-team', 'team-manager', 'service-manager',
  'assistant-director', 'director', 'iro', 'strategy-meeting-chair', 'admin',
];

/** Care staff act only for their home's children; council roles for children their council places or hosts. */
function mayActFor(who: Who, child: ChildPlacement): boolean {
  if (HOME_ROLES.includes(who.role)) return inScope(who, { home: child.homeId });
  if (COUNCIL_ROLES.includes(who.role)) return inScope(who, { council: [child.placingCouncil, child.hostCouncil] });
  return false;
}

/**
 * A police role of this force. Police see a pack only for a live episode in their force area (docs/domain.md §5: a
 * disclosure, logged every time), and record their reference and grade only on episodes there.
 */
const policeOfForce = (who: Who, force: string | undefined): boolean => isPoliceRole(who.role) && force !== undefined && inScope(who, { policeForce: force });

type Hidden = Extract<Verdict, { allowed: false }>;

/** "No such thing" and "not yours" get the same 404, so ids of other homes' children and episodes are not disclosed. */
const NO_CHILD = hide('Child not found', 'No child with this id in your scope') as Hidden;
const NO_EPISODE = hide('Episode not found', 'No episode with this id in your scope');
const NO_PACK = hide('Information pack not found', 'No information pack for this child in your scope');

const actingFor = (hidden: Verdict) => (who: Who, child: ChildPlacement | undefined): Verdict => (child && mayActFor(who, child) ? allow : hidden);

/** Every authorisation rule of intake, by action. The application layer calls `access.assert(action, caller, subject)`. */
export const access = definePolicy({
  /** Read or change a child's record, or write their information pack. */
  'child.act': actingFor(NO_CHILD),
  /** Report a child missing: the same rule, naming the field that holds the child. */
  'child.report': actingFor({ ...NO_CHILD, field: 'body.childId' }),
  /** Register a child: only for one's own home or council. */
  'child.register': (who: Who, child: ChildPlacement) =>
    mayActFor(who, child) ? allow : refuse('Not allowed', 'You can only register children for your own home or council'),
  /** Change a child's placement: the changed record must stay in the caller's scope. */
  'child.move': (who: Who, child: ChildPlacement) =>
    mayActFor(who, child) ? allow : refuse('Not allowed', 'The change would move the child out of your scope'),
  /** List a home's children: its own staff, or council staff (who then see only the children they act for). */
  'home.list': (who: Who, homeId: string) =>
    mayActFor(who, { homeId, placingCouncil: '', hostCouncil: '' }) || who.scope.kind === 'council'
      ? allow : hide('Home not found', 'No home with this id in your scope'),
  /** New facts on an episode: those acting for the child, or police of the home's force (their reference and grade). */
  'episode.update': (who: Who, e: PlacementInForce | undefined) =>
    e && (policeOfForce(who, e.policeForce) || mayActFor(who, e)) ? allow : NO_EPISODE,
  /** Record the child's return: those acting for the child. */
  'episode.return': actingFor(NO_EPISODE),
  /**
   * Read the information pack: those acting for the child; police only while the child has an open episode in their
   * force area (`openIn`, the force of the open episode's home, if any).
   */
  'pack.read': (who: Who, s: { child: ChildPlacement | undefined; openIn: string | undefined }) => {
    if (!s.child) return NO_PACK;
    return (isPoliceRole(who.role) ? policeOfForce(who, s.openIn) : mayActFor(who, s.child)) ? allow : NO_PACK;
  },
  /** Insight (the statutory return, the patterns) is for the council's own managers only. */
  'insight.view': (who: Who, council: string) =>
    INSIGHT_ROLES.includes(who.role) && inScope(who, { council })
      ? allow : refuse('Not allowed', "Only the council's managers see its return, figures and patterns", 'query.council'),
});
