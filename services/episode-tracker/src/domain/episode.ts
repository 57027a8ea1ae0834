import type { AlertAsk, NotifiableEvent, Role, TaskKind } from '@safeguard/contracts';
import type { Audience, LadderName, Level, Policy } from './policy.js';

/** An episode is open from the report until the child is back; closed when every follow-up is done. */
export type EpisodeState = 'open' | 'returned' | 'closed';
export type Classification = 'M' | 'A';

/** What the tracker knows of a child, from the profile and from scoring. Flags only ever turn on during an episode. */
export interface ChildFlags {
  trafficked: boolean;
  uascOrSeparated: boolean;
  under13: boolean;
  /** An NRM referral exists (referred, or a Reasonable or Conclusive Grounds decision). */
  nrmReferred: boolean;
  /** Lives in a children's home (the profile's accommodation): the home notifies Ofsted of regulation 40 events. */
  childrensHome: boolean;
  /** The profile records a concern of sexual exploitation: in a children's home, a regulation 40 event. */
  sexualExploitation: boolean;
}

export interface Episode {
  id: string;
  reference: string;
  childId: string;
  homeId: string;
  placingCouncil: string;
  /** The council the child lives in when placed out of area; null when placed in the placing council's area. */
  hostCouncil: string | null;
  policeForce: string;
  classification: Classification;
  state: EpisodeState;
  level: Level;
  /** True until risk-scoring has answered: the level came from the profile's flags alone. */
  provisional: boolean;
  ladder: LadderName;
  flags: ChildFlags;
  policeReference: string | null;
  /** Regulation 40 events reported during the episode, each kind once, in the order they became known. */
  notifiableEvents: NotifiableEvent[];
  policy: Policy;
  discoveredAt: Date;
  reportedAt: Date;
  openedAt: Date;
  returnedAt: Date | null;
}

/** Why an alert was sent: a ladder step, an escalation past silence, the chase past a chain's top, a missed deadline, a found notice. */
export type AlertPurpose = 'step' | 'escalation' | 'chase' | 'deadline' | 'found';

/** The audience an alert went to, with its scope resolved to a home, council or police force. */
export interface ResolvedAudience {
  role: Role;
  scopeKind: 'home' | 'council' | 'police-force';
  scopeId: string;
}

export interface Alert {
  id: string;
  episodeId: string;
  /** The first alert of a re-send chain; acknowledging any of the chain acknowledges all. */
  originAlertId: string;
  /** The alert that started an escalation tree; once anyone in the tree acknowledges, the tree stops. */
  rootAlertId: string;
  purpose: AlertPurpose;
  /** The ladder step (rung key, with "@n" for a repeat), or the task kind for a missed deadline. */
  stepKey: string;
  audience: ResolvedAudience;
  ask: AlertAsk;
  escalatedFrom: Role | null;
  missed: TaskKind | null;
  level: Level;
  attempt: number;
  requestedAt: Date;
  ackDeadline: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  escalatedAt: Date | null;
  /** "Found" notices go to each person alerted during the episode, not to the role's holder now. */
  toEveryoneAlerted: boolean;
}

export type TaskState = 'open' | 'done';

export interface Task {
  id: string;
  episodeId: string;
  kind: TaskKind;
  state: TaskState;
  dueAt: Date;
  hardDueAt: Date | null;
  invitees: string[];
  /** The regulation 40 event a notify-ofsted task is for (one task per kind of event); null for every other kind. */
  notifiableEvent: NotifiableEvent | null;
  createdAt: Date;
  breachedAt: Date | null;
}

/** An episode with everything the engine decides from: its alerts, tasks, and the steps fired per audience. */
export interface EpisodeRecord {
  episode: Episode;
  alerts: Alert[];
  tasks: Task[];
  /** `${stepKey}|${role}|${scopeKind}:${scopeId}` for every audience a step has alerted (derived from its step alerts). */
  fired: ReadonlySet<string>;
}

/** A step fired for one resolved audience: a new host council is a new audience. */
export const firedKey = (stepKey: string, a: ResolvedAudience) => `${stepKey}|${a.role}|${a.scopeKind}:${a.scopeId}`;

/** Where a policy audience sits for this episode; a host-council audience only when the child is placed out of area. */
export function resolveAudience(e: Pick<Episode, 'homeId' | 'placingCouncil' | 'hostCouncil' | 'policeForce'>, a: Audience): ResolvedAudience | undefined {
  switch (a.scope) {
    case 'home': return { role: a.role, scopeKind: 'home', scopeId: e.homeId };
    case 'council': return { role: a.role, scopeKind: 'council', scopeId: e.placingCouncil };
    case 'police-force': return { role: a.role, scopeKind: 'police-force', scopeId: e.policeForce };
    case 'host-council': return e.hostCouncil && e.hostCouncil !== e.placingCouncil ? { role: a.role, scopeKind: 'council', scopeId: e.hostCouncil } : undefined;
  }
}

/** Which tree an alert's silence belongs to: the ladder's (ends at the return) or a missed deadline's (ends when the task is done). */
export const treeOf = (alerts: readonly Alert[], a: Alert): 'ladder' | 'deadline' =>
  ((alerts.find((b) => b.id === a.rootAlertId) ?? a).purpose === 'deadline' ? 'deadline' : 'ladder');

/** The ladder runs only while the child is missing; acknowledgements never stop it, only the return does. */
export const ladderRuns = (state: EpisodeState): boolean => state === 'open';
