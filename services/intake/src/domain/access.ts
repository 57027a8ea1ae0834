import { ACTING_COUNCIL_ROLES, HOME_ROLES, INSIGHT_ROLES, isPoliceRole, NRM_WATCH_ROLES } from '@safeguard/contracts';
import { allow, definePolicy, hide, inScope, refuse, type Verdict, type Who } from '@safeguard/platform/policy';
import type { Home } from './home.js';

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

/** A child's placement with the council of the home they are placed at (registering or moving a child). */
export interface PlacementAtHome extends ChildPlacement {
  homeCouncil: string;
}

/** The facts on an episode only the police record: their reference and their risk grade (docs/domain.md §2). */
export const POLICE_FACTS = ['policeReference', 'policeGrade'] as const;
const isPoliceFact = (field: string) => (POLICE_FACTS as readonly string[]).includes(field);

/** The fields an update gives (an empty list adds nothing), in the order given: what the rule for `episode.update` looks at. */
export const fieldsGiven = (update: Record<string, unknown>): string[] =>
  Object.entries(update).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)).map(([k]) => k);



/** Care staff act only for their home's children; council roles for children their council places or hosts. */
function mayActFor(who: Who, child: ChildPlacement): boolean {
  if (HOME_ROLES.includes(who.role)) return inScope(who, { home: child.homeId });
  if (ACTING_COUNCIL_ROLES.includes(who.role)) return inScope(who, { council: [child.placingCouncil, child.hostCouncil] });
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
const NO_HOME = hide('Home not found', 'No home with this id in your scope');

/** A home is in the scope of its own staff, the council it is in and the police force of its area. */
function coversHome(who: Who, home: Home): boolean {
  if (HOME_ROLES.includes(who.role)) return inScope(who, { home: home.id });
  if (isPoliceRole(who.role)) return inScope(who, { policeForce: home.policeForce });
  return inScope(who, { council: home.council });
}

const actingFor = (hidden: Verdict) => (who: Who, child: ChildPlacement | undefined): Verdict => (child && mayActFor(who, child) ? allow : hidden);

/** Every authorisation rule of intake, by action. The application layer calls `access.assert(action, caller, subject)`. */
export const access = definePolicy({
  /** Read or change a child's record, or write their information pack. */
  'child.act': actingFor(NO_CHILD),
  /** Report a child missing: the same rule, naming the field that holds the child. */
  'child.report': actingFor({ ...NO_CHILD, field: 'body.childId' }),
  /**
   * Register a child: for one's own home or council. Care staff register children placed by, and living in, their
   * home's own council; a child placed from elsewhere is registered by the placing or host council's staff.
   */
  'child.register': (who: Who, child: PlacementAtHome) => {
    if (HOME_ROLES.includes(who.role)) {
      if (!inScope(who, { home: child.homeId })) return refuse('Not allowed', 'You can only register children for your own home', 'body.homeId');
      for (const field of ['placingCouncil', 'hostCouncil'] as const) {
        if (child[field] !== child.homeCouncil) return refuse('Not allowed', "Care staff register children placed by their home's own council", `body.${field}`);
      }
      return allow;
    }
    return mayActFor(who, child) ? allow : refuse('Not allowed', 'You can only register children for your own council', 'body.placingCouncil');
  },
  /**
   * Change a child's record: the changed record must stay in the caller's scope, and care staff never change which
   * council places the child or hosts them.
   */
  'child.move': (who: Who, change: { before: ChildPlacement; after: ChildPlacement }) => {
    if (HOME_ROLES.includes(who.role)) {
      for (const field of ['placingCouncil', 'hostCouncil'] as const) {
        if (change.after[field] !== change.before[field]) return refuse('Not allowed', "Care staff do not change a child's placing or host council", `body.${field}`);
      }
    }
    return mayActFor(who, change.after) ? allow : refuse('Not allowed', 'The change would move the child out of your scope');
  },
  /** List a home's children: its own staff, or council staff (who then see only the children they act for). */
  'home.list': (who: Who, homeId: string) =>
    mayActFor(who, { homeId, placingCouncil: '', hostCouncil: '' }) || who.scope.kind === 'council'
      ? allow : NO_HOME,
  /** A home's name and phone: anyone whose scope covers it. */
  'home.read': (who: Who, home: Home | undefined) => (home && coversHome(who, home) ? allow : NO_HOME),
  /** Change a home's number (the one the police are told to call): its duty manager, or its council's administrator. */
  'home.update': (who: Who, home: Home | undefined) => {
    if (!home || !coversHome(who, home)) return NO_HOME;
    return (who.role === 'home-duty-manager' && inScope(who, { home: home.id })) || (who.role === 'admin' && inScope(who, { council: home.council }))
      ? allow : refuse('Not allowed', "A home's number is kept by its duty manager or its council's administrator", 'body.phone');
  },
  /**
   * New facts on an episode (`fields`, as `fieldsGiven` names them): the police of the home's force record their
   * reference and grade and nothing else; those acting for the child record everything else, never the police's.
   */
  'episode.update': (who: Who, u: { episode: PlacementInForce | undefined; fields: readonly string[] }) => {
    const e = u.episode;
    const police = e !== undefined && policeOfForce(who, e.policeForce);
    if (!e || !(police || mayActFor(who, e))) return NO_EPISODE;
    const wrong = u.fields.find((f) => isPoliceFact(f) !== police);
    if (!wrong) return allow;
    return police
      ? refuse('Not allowed', 'The police record their reference and grade only', `body.${wrong}`)
      : refuse('Not allowed', 'Only the police record their reference and grade', `body.${wrong}`);
  },
  /** Record the child's return: those acting for the child. */
  'episode.return': actingFor(NO_EPISODE),
  /** Read what has been recorded of an absence (Part 2): those acting for the child, who add to it. */
  'episode.read': actingFor(NO_EPISODE),
  /**
   * Read the information pack: those acting for the child; police only while the child has an open episode in their
   * force area (`openIn`, the force of the open episode's home, if any).
   */
  'pack.read': (who: Who, s: { child: ChildPlacement | undefined; openIn: string | undefined }) => {
    if (!s.child) return NO_PACK;
    return (isPoliceRole(who.role) ? policeOfForce(who, s.openIn) : mayActFor(who, s.child)) ? allow : NO_PACK;
  },
  /**
   * The police briefing on an episode (Part 1, Part 2, who to call): police roles of the force of the home the child
   * was reported from, while the child is missing. Everyone else gets the 404 of an unknown episode, nothing more
   * (carers and councils read the information pack itself).
   */
  'briefing.read': (who: Who, e: { state: 'open' | 'returned'; policeForce: string } | undefined) =>
    e?.state === 'open' && policeOfForce(who, e.policeForce) ? allow : NO_EPISODE,
  /**
   * Record that a child ceased to be looked after (the statutory return's REC): a decision of the council that looks
   * after them, so only the placing council's own staff; others acting for the child are refused, the rest see nothing.
   */
  'child.cease-care': (who: Who, child: ChildPlacement | undefined): Verdict => {
    if (!child || !mayActFor(who, child)) return NO_CHILD;
    return ACTING_COUNCIL_ROLES.includes(who.role) && inScope(who, { council: child.placingCouncil })
      ? allow : refuse('Not allowed', 'Only the placing council records that a child ceased to be looked after');
  },
  /** Insight (the statutory return, the patterns) is for the council's own managers only. */
  'insight.view': (who: Who, council: string) =>
    INSIGHT_ROLES.includes(who.role) && inScope(who, { council })
      ? allow : refuse('Not allowed', "Only the council's managers see its return, figures and patterns", 'query.council'),
  /** The council's children waiting for a Reasonable Grounds decision. */
  'nrm.watch': (who: Who, council: string) =>
    NRM_WATCH_ROLES.includes(who.role) && inScope(who, { council })
      ? allow : refuse('Not allowed', "Only the council's social workers, NRM first responders and managers see its NRM watch", 'query.council'),
});
