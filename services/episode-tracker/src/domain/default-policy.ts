import { DEFAULT_CHAIN_OF_COMMAND } from '@safeguard/contracts';

/**
 * Default escalation ladders, as docs/domain.md §4 sets them out [ours, configurable per council].
 * Times in seconds from discovery. A council's variant is a new version of this object (ESCALATION_POLICY_FILES),
 * validated at start.
 */
const MIN = 60;
const HOUR = 3_600;
const DAY = 86_400;
const WEEK = 7 * DAY;
const ACK = 15 * MIN;

const council = 'council' as const;
const home = 'home' as const;
const force = 'police-force' as const;

const teamManager = { role: 'team-manager', scope: council } as const;
const director = { role: 'director', scope: council } as const;

const chainOfCommand = DEFAULT_CHAIN_OF_COMMAND;

/** Out of area: the host council, where the child actually lives, hears with the home. */
const hostCouncil = { role: 'out-of-hours-team', scope: 'host-council' } as const;

const firstResponse = [
  { key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: home }, { role: 'on-call-manager', scope: council }, hostCouncil],
    ask: 'call-police-now', ackWithinSeconds: ACK },
  { key: 'escalate-15m', afterSeconds: 15 * MIN, audiences: [{ role: 'duty-managers-manager', scope: council }],
    ask: 'acknowledge', ackWithinSeconds: ACK, onlyIf: 'no-police-reference' },
  { key: 'social-worker-15m', afterSeconds: 15 * MIN, audiences: [{ role: 'social-worker', scope: council }, { role: 'out-of-hours-team', scope: council }],
    ask: 'informed', ackWithinSeconds: HOUR },
  { key: 'police-liaison-30m', afterSeconds: 30 * MIN, audiences: [{ role: 'police-liaison-officer', scope: force }],
    ask: 'acknowledge', ackWithinSeconds: ACK },
  { key: 'strategy-meeting-1h', afterSeconds: HOUR, audiences: [teamManager],
    ask: 'strategy-meeting', ackWithinSeconds: ACK, createsTask: 'strategy-meeting' },
] as const;

const traffickingOnly = [
  { key: 'ictg-nrm-1h', afterSeconds: HOUR, audiences: [{ role: 'ictg-service', scope: council }, { role: 'nrm-first-responder', scope: council }],
    ask: 'informed', ackWithinSeconds: HOUR, onlyIf: 'trafficked', createsTask: 'nrm-referral' },
] as const;

const reviewers = [director, { role: 'iro', scope: council }, { role: 'strategy-meeting-chair', scope: council }] as const;

const later = [
  { key: 'assistant-director', afterSeconds: 4 * HOUR, afterSecondsIfHigh: 0, audiences: [{ role: 'assistant-director', scope: council }],
    ask: 'senior-oversight', ackWithinSeconds: ACK },
  { key: 'director-24h', afterSeconds: DAY, audiences: [director], ask: 'senior-oversight', ackWithinSeconds: HOUR,
    breachIfNoStrategyMeeting: true, promptsAToMReview: true },
  { key: 'senior-management-48h', afterSeconds: 2 * DAY, audiences: [{ role: 'senior-management', scope: council }], ask: 'senior-oversight', ackWithinSeconds: HOUR },
  { key: 'reconvene-72h', afterSeconds: 3 * DAY, audiences: reviewers, ask: 'strategy-meeting', ackWithinSeconds: HOUR, promptsAToMReview: true },
  { key: 'weekly-review', afterSeconds: 3 * DAY + WEEK, repeatEverySeconds: WEEK, audiences: reviewers, ask: 'strategy-meeting', ackWithinSeconds: HOUR },
] as const;

const weeklyReview = (audiences: readonly { role: string; scope: string }[], from: number) =>
  ({ key: 'weekly-review', afterSeconds: from, repeatEverySeconds: WEEK, audiences, ask: 'senior-oversight', ackWithinSeconds: HOUR }) as const;

const missed = (...roles: string[]) => roles.map((role) => ({ role, scope: council }));

export const DEFAULT_POLICY = {
  version: 'default-v2',
  council: '*',
  renotifyAckWithinSeconds: 10 * MIN,
  chase: { everySeconds: 30 * MIN, alsoAlert: { role: 'out-of-hours-team', scope: council } },
  ladders: {
    T: { chainOfCommand, rungs: [...firstResponse, ...traffickingOnly, ...later] },
    // High risk, neither trafficked nor UASC: ladder T without its trafficking-only rows.
    'S-high': { chainOfCommand, rungs: [...firstResponse, ...later] },
    'S-medium': {
      chainOfCommand,
      rungs: [
        { key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: home }, hostCouncil], ask: 'call-police-now', ackWithinSeconds: ACK },
        { key: 'police-liaison-1h', afterSeconds: HOUR, audiences: [{ role: 'police-liaison-officer', scope: force }], ask: 'acknowledge', ackWithinSeconds: ACK },
        { key: 'team-manager-24h', afterSeconds: DAY, audiences: [teamManager], ask: 'acknowledge', ackWithinSeconds: HOUR, promptsAToMReview: true },
        { key: 'service-manager-48h', afterSeconds: 2 * DAY, audiences: [{ role: 'service-manager', scope: council }], ask: 'acknowledge', ackWithinSeconds: HOUR },
        { key: 'assistant-director-72h', afterSeconds: 3 * DAY, audiences: [{ role: 'assistant-director', scope: council }], ask: 'strategy-meeting',
          ackWithinSeconds: HOUR, createsTask: 'strategy-meeting', promptsAToMReview: true },
        { key: 'director-7d', afterSeconds: 7 * DAY, audiences: [director], ask: 'senior-oversight', ackWithinSeconds: HOUR },
        weeklyReview([director, { role: 'iro', scope: council }], 14 * DAY),
      ],
    },
    'S-low': {
      chainOfCommand,
      rungs: [
        { key: 'social-worker-same-day', afterSeconds: 0, audiences: [{ role: 'social-worker', scope: council }, hostCouncil], ask: 'acknowledge', ackWithinSeconds: 4 * HOUR },
        { key: 'team-manager-24h', afterSeconds: DAY, audiences: [teamManager], ask: 'acknowledge', ackWithinSeconds: HOUR, promptsAToMReview: true },
        { key: 'team-manager-72h', afterSeconds: 3 * DAY, audiences: [teamManager], ask: 'acknowledge', ackWithinSeconds: HOUR, promptsAToMReview: true },
        weeklyReview([teamManager], 3 * DAY + WEEK),
      ],
    },
  },
  tasks: {
    strategyMeeting: {
      dueSeconds: DAY, ifMissed: missed('director', 'team-manager'),
      invitees: ['social care (including the placement provider)', 'police', 'health', 'ICTG', 'NRM first responder', 'education', 'interpreter'],
    },
    nrmReferral: { dueSeconds: DAY, ifMissed: missed('team-manager') },
    repeatEpisodeMeeting: { dueSeconds: 5 * DAY, ifMissed: missed('team-manager') },
    returnHomeInterview: { dueSeconds: 3 * DAY, ifMissed: missed('team-manager', 'service-manager') },
    safeAndWellCheck: { dueSeconds: DAY, ifMissed: missed('team-manager') },
    updateInformationPack: { dueSeconds: 3 * DAY, ifMissed: missed('team-manager') },
    updateRiskAssessment: { dueSeconds: 3 * DAY, ifMissed: missed('team-manager') },
    informIctgAndNrm: { dueSeconds: HOUR, ifMissed: missed('team-manager') },
    // A referred child is missing: the referrer keeps the NRM competent authority informed (Home Office NRM guidance).
    tellCompetentAuthority: { dueSeconds: DAY, ifMissed: missed('team-manager') },
    // Regulation 40 says "without delay": 24 h is not a target but the point past which a missed notification is
    // chased. Then the home's duty manager, who notifies, and the on-call manager above them in the chain of command,
    // who may notify in their place (out of hours too); silence goes on up the chain from there.
    notifyOfsted: { dueSeconds: DAY, ifMissed: [{ role: 'home-duty-manager', scope: home }, { role: 'on-call-manager', scope: council }] },
  },
};
