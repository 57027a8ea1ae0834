import { HOME_ROLES, INSIGHT_ROLES, isPoliceRole, type Role, type TaskKind } from '@safeguard/contracts';
import { allow, definePolicy, hide, inScope, refuse, type Verdict, type Who } from '@safeguard/platform/policy';

/**
 * The tracker's access rules in one place (the table in docs/access.md is checked against them). The read queries
 * (repositories/views.repository.ts) narrow each list to the caller's home, council (placing or host) or police force
 * first; these rules have the last word on every episode and task served. Whether a caller may acknowledge an alert
 * is the engine's (only the alert's audience, `Refused('not-your-alert')`).
 */

/** Where an episode sits, and when the child came back (null while missing). */
export interface EpisodePlace {
  homeId: string;
  placingCouncil: string;
  hostCouncil: string | null;
  policeForce: string;
  returnedAt: Date | string | null;
}

/** An episode as of a moment: the police window is measured against `now`. */
export interface EpisodeAt {
  episode: EpisodePlace | undefined;
  now: Date;
}

/**
 * How long the police still see an episode after the child's return, in hours. The return ends the police's missing
 * person enquiry; 72 hours covers their safe-and-well check and debrief (docs/domain.md §3), after which the episode,
 * its tasks and its timeline are no longer theirs to read. [ours]
 */
export const POLICE_SEE_RETURNED_EPISODE_HOURS = 72;

/**
 * Council management from the first rung that may hold a strategy meeting to the top, lowest first: "team manager or
 * above" is a role at or after `team-manager` here, never a comparison of names. Senior management sits under the
 * Director, as in the default chain of command (docs/domain.md §4).
 */
export const COUNCIL_SENIORITY: readonly Role[] = ['team-manager', 'service-manager', 'assistant-director', 'senior-management', 'director'];

/** A role at or above `lowest` in COUNCIL_SENIORITY. */
export const atOrAbove = (lowest: Role) => COUNCIL_SENIORITY.slice(COUNCIL_SENIORITY.indexOf(lowest));

const TEAM_MANAGER_OR_ABOVE = atOrAbove('team-manager');
/** The NRM referral, and telling the competent authority of a referred child: the referrer's side. */
const NRM_REFERRER: readonly Role[] = ['social-worker', 'nrm-first-responder', ...TEAM_MANAGER_OR_ABOVE];

/**
 * Who records each statutory follow-up as done (docs/domain.md §3, §4). Meetings are held by management (and minuted
 * by their chair); the return home interview by someone independent of the home, the social worker or a return
 * interview worker; the safe-and-well check and the information pack by the home, which holds the child day to day;
 * the Ofsted notification by the home's duty manager (the registered person's deputy on shift) or the on-call manager.
 */
export const TASK_COMPLETERS: Readonly<Record<TaskKind, readonly Role[]>> = {
  'strategy-meeting': [...TEAM_MANAGER_OR_ABOVE, 'strategy-meeting-chair'],
  'repeat-episode-meeting': [...TEAM_MANAGER_OR_ABOVE, 'strategy-meeting-chair'],
  'return-home-interview': ['social-worker', 'return-interview-worker'],
  'safe-and-well-check': [...HOME_ROLES, 'social-worker'],
  'update-information-pack': [...HOME_ROLES, 'social-worker'],
  'nrm-referral': NRM_REFERRER,
  'tell-competent-authority': NRM_REFERRER,
  'notify-ofsted': ['home-duty-manager', 'on-call-manager'],
  'update-risk-assessment': ['social-worker', ...TEAM_MANAGER_OR_ABOVE],
  'inform-ictg-and-nrm': ['social-worker', ...TEAM_MANAGER_OR_ABOVE],
};

const BY_THE_REFERRER = 'the social worker, an NRM first responder, or a team manager or above';
const WHO_COMPLETES: Record<TaskKind, string> = {
  'strategy-meeting': 'a team manager or above, or the strategy meeting chair',
  'repeat-episode-meeting': 'a team manager or above, or the strategy meeting chair',
  'return-home-interview': 'the social worker or a return interview worker',
  'safe-and-well-check': "the home's staff or the social worker",
  'update-information-pack': "the home's staff or the social worker",
  'nrm-referral': BY_THE_REFERRER,
  'update-risk-assessment': 'the social worker, or a team manager or above',
  'inform-ictg-and-nrm': 'the social worker, or a team manager or above',
  'tell-competent-authority': BY_THE_REFERRER,
  'notify-ofsted': "the home's duty manager or the on-call manager",
};

/** The police, by role or by a police-force scope: they get the time-limited, interview-free view. */
const isPolice = (who: Who) => isPoliceRole(who.role) || who.scope.kind === 'police-force';

const hoursSince = (at: Date | string, now: Date) => (now.getTime() - new Date(at).getTime()) / 3_600_000;

/** Whether the caller sees this episode: their home, council (placing or host) or force; the police only for a while after the return. */
function sees(who: Who, at: EpisodeAt): boolean {
  const e = at.episode;
  if (!e || !inScope(who, { home: e.homeId, council: [e.placingCouncil, e.hostCouncil], policeForce: e.policeForce })) return false;
  return !(isPolice(who) && e.returnedAt !== null && hoursSince(e.returnedAt, at.now) >= POLICE_SEE_RETURNED_EPISODE_HOURS);
}

/** "No such thing" and "not yours" get the same 404, so other places' episodes are not disclosed. */
const NO_EPISODE = hide('Episode not found', 'No episode with this id in your scope');
const NO_ALERT = hide('Alert not found', 'No alert with this id in your scope');
const NO_TASK = hide('Task not found', 'No task with this id in your scope');
const NO_ACCOUNT = hide('Not shown', 'The return interview is not shared with the police');

export const access = definePolicy({
  /** An episode, its alerts, tasks and timeline. */
  viewEpisode: (who: Who, at: EpisodeAt): Verdict => (sees(who, at) ? allow : NO_EPISODE),
  /** Acknowledge an alert: only on an episode the caller sees (whether it is theirs to acknowledge is the engine's). */
  acknowledgeAlert: (who: Who, at: EpisodeAt): Verdict => (sees(who, at) ? allow : NO_ALERT),
  /** Give a police reference with an acknowledgement: the police's own reference, given by the police only. */
  givePoliceReference: (who: Who, at: EpisodeAt): Verdict => {
    if (!sees(who, at)) return NO_ALERT;
    return isPoliceRole(who.role) ? allow : refuse('Not allowed', 'Only the police give a police reference', 'body.policeReference');
  },
  /** Record a follow-up as done: on an episode the caller sees, by the roles TASK_COMPLETERS names for its kind. */
  completeTask: (who: Who, t: EpisodeAt & { kind: TaskKind | undefined }): Verdict => {
    if (!sees(who, t) || !t.kind) return NO_TASK;
    return TASK_COMPLETERS[t.kind].includes(who.role) ? allow : refuse('Not allowed', `This follow-up (${t.kind}) is recorded by ${WHO_COMPLETES[t.kind]}`);
  },
  /**
   * Read what a follow-up's outcome says. The return home interview is the child's own account, for social care: the
   * police never get it (the field is left out of what they are sent).
   */
  readOutcome: (who: Who, t: EpisodeAt & { kind: TaskKind }): Verdict => {
    if (!sees(who, t)) return NO_TASK;
    return t.kind === 'return-home-interview' && isPolice(who) ? NO_ACCOUNT : allow;
  },
  /** Compliance figures are for the council's own managers only. */
  viewInsight: (who: Who, council: string): Verdict =>
    INSIGHT_ROLES.includes(who.role) && inScope(who, { council })
      ? allow
      : refuse('Not allowed', "Only the council's managers see its return, figures and patterns", 'query.council'),
});
