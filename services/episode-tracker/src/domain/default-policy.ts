/**
 * Default escalation ladders, exactly as domain.md §4 [ours, configurable per council]. Times in seconds from
 * discovery. A council's variant is a new version of this object (ESCALATION_POLICY_FILE), validated at start.
 */
const MIN = 60;
const HOUR = 3_600;
const DAY = 86_400;
const ACK = 15 * MIN;

const council = 'council' as const;
const home = 'home' as const;
const force = 'police-force' as const;

const firstResponse = [
  { key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: home }, { role: 'on-call-manager', scope: council }],
    ask: 'call-police-now', ackWithinSeconds: ACK },
  { key: 'escalate-15m', afterSeconds: 15 * MIN, audiences: [{ role: 'duty-managers-manager', scope: council }],
    ask: 'acknowledge', ackWithinSeconds: ACK, onlyIf: 'no-police-reference' },
  { key: 'social-worker-15m', afterSeconds: 15 * MIN, audiences: [{ role: 'social-worker', scope: council }, { role: 'out-of-hours-team', scope: council }],
    ask: 'informed' },
  { key: 'police-liaison-30m', afterSeconds: 30 * MIN, audiences: [{ role: 'police-liaison-officer', scope: force }],
    ask: 'acknowledge', ackWithinSeconds: ACK, escalateTo: { role: 'control-room-inspector', scope: force } },
  { key: 'strategy-meeting-1h', afterSeconds: HOUR, audiences: [{ role: 'team-manager', scope: council }],
    ask: 'strategy-meeting', ackWithinSeconds: ACK, createsTask: 'strategy-meeting' },
] as const;

const later = [
  { key: 'assistant-director', afterSeconds: 4 * HOUR, afterSecondsIfHigh: 0, audiences: [{ role: 'assistant-director', scope: council }],
    ask: 'senior-oversight', ackWithinSeconds: ACK },
  { key: 'director-24h', afterSeconds: DAY, audiences: [{ role: 'director', scope: council }], ask: 'senior-oversight',
    ackWithinSeconds: HOUR, breachIfNoStrategyMeeting: true },
  { key: 'senior-management-48h', afterSeconds: 2 * DAY, audiences: [{ role: 'senior-management', scope: council }], ask: 'senior-oversight', ackWithinSeconds: HOUR },
  { key: 'reconvene-72h', afterSeconds: 3 * DAY, audiences: [{ role: 'director', scope: council }, { role: 'iro', scope: council },
    { role: 'strategy-meeting-chair', scope: council }], ask: 'strategy-meeting', ackWithinSeconds: HOUR },
  ...[1, 2, 3, 4].map((w) => ({ key: `weekly-review-${w}`, afterSeconds: 3 * DAY + w * 7 * DAY,
    audiences: [{ role: 'director', scope: council }, { role: 'iro', scope: council }, { role: 'strategy-meeting-chair', scope: council }],
    ask: 'strategy-meeting', ackWithinSeconds: HOUR })),
] as const;

const traffickingOnly = [
  { key: 'ictg-nrm-1h', afterSeconds: HOUR, audiences: [{ role: 'ictg-service', scope: council }, { role: 'nrm-first-responder', scope: council }],
    ask: 'informed', onlyIf: 'trafficked', createsTask: 'nrm-referral' },
] as const;

export const DEFAULT_POLICY = {
  version: 'default-v1',
  council: '*',
  renotifyAckWithinSeconds: 10 * MIN,
  ladders: {
    T: [...firstResponse, ...traffickingOnly, ...later],
    'S-high': [...firstResponse, ...later],
    'S-medium': [
      { key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: home }], ask: 'call-police-now', ackWithinSeconds: ACK },
      { key: 'police-liaison-1h', afterSeconds: HOUR, audiences: [{ role: 'police-liaison-officer', scope: force }], ask: 'acknowledge',
        ackWithinSeconds: ACK, escalateTo: { role: 'control-room-inspector', scope: force } },
      { key: 'team-manager-24h', afterSeconds: DAY, audiences: [{ role: 'team-manager', scope: council }], ask: 'acknowledge', ackWithinSeconds: HOUR },
      { key: 'service-manager-48h', afterSeconds: 2 * DAY, audiences: [{ role: 'service-manager', scope: council }], ask: 'acknowledge', ackWithinSeconds: HOUR },
      { key: 'assistant-director-72h', afterSeconds: 3 * DAY, audiences: [{ role: 'assistant-director', scope: council }], ask: 'strategy-meeting',
        ackWithinSeconds: HOUR, createsTask: 'strategy-meeting' },
      { key: 'director-7d', afterSeconds: 7 * DAY, audiences: [{ role: 'director', scope: council }], ask: 'senior-oversight', ackWithinSeconds: HOUR },
    ],
    'S-low': [
      { key: 'social-worker-same-day', afterSeconds: 0, audiences: [{ role: 'social-worker', scope: council }], ask: 'acknowledge', ackWithinSeconds: 4 * HOUR },
      { key: 'team-manager-24h', afterSeconds: DAY, audiences: [{ role: 'team-manager', scope: council }], ask: 'acknowledge', ackWithinSeconds: HOUR },
      { key: 'a-to-m-review-72h', afterSeconds: 3 * DAY, audiences: [{ role: 'team-manager', scope: council }], ask: 'acknowledge', ackWithinSeconds: HOUR },
    ],
  },
  tasks: {
    strategyMeeting: {
      hardLimitSeconds: DAY,
      invitees: ['social care (including the placement provider)', 'police', 'health', 'ICTG', 'NRM first responder', 'education', 'interpreter'],
    },
    returnInterviewDueSeconds: 3 * DAY,
    nrmReferralDueSeconds: DAY,
    repeatMeetingDueSeconds: 5 * DAY,
  },
};
