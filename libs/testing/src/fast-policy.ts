import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CHAIN_OF_COMMAND } from '@safeguard/contracts';

const council = 'council';
const teamManager = { role: 'team-manager', scope: council };
const director = { role: 'director', scope: council };
const hostCouncil = { role: 'out-of-hours-team', scope: 'host-council' };
const NEVER = 86_400;

const chainOfCommand = DEFAULT_CHAIN_OF_COMMAND;

const weekly = (audiences: object[]) => ({ key: 'weekly-review', afterSeconds: 600, repeatEverySeconds: 600, audiences, ask: 'senior-oversight', ackWithinSeconds: 600 });

const firstResponse = [
  { key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: 'home' }, { role: 'on-call-manager', scope: council }, hostCouncil],
    ask: 'call-police-now', ackWithinSeconds: 3 },
  { key: 'police-liaison', afterSeconds: 2, audiences: [{ role: 'police-liaison-officer', scope: 'police-force' }], ask: 'acknowledge', ackWithinSeconds: 2 },
  { key: 'strategy-meeting', afterSeconds: 4, audiences: [teamManager], ask: 'strategy-meeting', ackWithinSeconds: 600, createsTask: 'strategy-meeting' },
];
const later = [
  { key: 'assistant-director', afterSeconds: 600, afterSecondsIfHigh: 0, audiences: [{ role: 'assistant-director', scope: council }],
    ask: 'senior-oversight', ackWithinSeconds: 600 },
  { key: 'director-24h', afterSeconds: 8, audiences: [director], ask: 'senior-oversight', ackWithinSeconds: 600, breachIfNoStrategyMeeting: true,
    promptsAToMReview: true },
  weekly([director, { role: 'iro', scope: council }]),
];

/**
 * The default ladders' shape on a clock of seconds (tests use a fast policy): rung 0 at once, police at 2 s,
 * strategy meeting and ICTG/NRM at 4 s, the Director at 8 s; unacknowledged alerts re-sent after 2 s, chased every 2 s.
 */
export const fastEscalationPolicy = () => ({
  version: 'fast-test-v2', council: '*', renotifyAckWithinSeconds: 2,
  chase: { everySeconds: 2, alsoAlert: { role: 'out-of-hours-team', scope: council } },
  ladders: {
    T: { chainOfCommand, rungs: [...firstResponse, { key: 'ictg-nrm', afterSeconds: 4, audiences: [{ role: 'ictg-service', scope: council },
      { role: 'nrm-first-responder', scope: council }], ask: 'informed', ackWithinSeconds: 600, onlyIf: 'trafficked', createsTask: 'nrm-referral' }, ...later] },
    'S-high': { chainOfCommand, rungs: [...firstResponse, ...later] },
    'S-medium': { chainOfCommand, rungs: [{ key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: 'home' }, hostCouncil],
      ask: 'call-police-now', ackWithinSeconds: 600 }, weekly([teamManager])] },
    'S-low': { chainOfCommand, rungs: [{ key: 'social-worker', afterSeconds: 0, audiences: [{ role: 'social-worker', scope: council }, hostCouncil],
      ask: 'acknowledge', ackWithinSeconds: 600 }, { key: 'team-manager-24h', afterSeconds: 4, audiences: [teamManager], ask: 'acknowledge',
      ackWithinSeconds: 600, promptsAToMReview: true }, weekly([teamManager])] },
  },
  tasks: {
    strategyMeeting: { dueSeconds: NEVER, ifMissed: [director, teamManager], invitees: ['social care', 'police', 'health', 'ICTG'] },
    nrmReferral: { dueSeconds: NEVER, ifMissed: [teamManager] },
    repeatEpisodeMeeting: { dueSeconds: NEVER, ifMissed: [teamManager] },
    returnHomeInterview: { dueSeconds: 3, ifMissed: [teamManager, { role: 'service-manager', scope: council }] },
    safeAndWellCheck: { dueSeconds: NEVER, ifMissed: [teamManager] },
    updateInformationPack: { dueSeconds: NEVER, ifMissed: [teamManager] },
    updateRiskAssessment: { dueSeconds: NEVER, ifMissed: [teamManager] },
    informIctgAndNrm: { dueSeconds: NEVER, ifMissed: [teamManager] },
  },
});

/** Writes the fast policy (with top-level fields replaced, e.g. a slower chase) to a file for ESCALATION_POLICY_FILES. */
export function fastPolicyFile(overrides: Record<string, unknown> = {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'fast.json');
  writeFileSync(file, JSON.stringify({ ...fastEscalationPolicy(), ...overrides }));
  return file;
}
