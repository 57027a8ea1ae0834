import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The default ladders' shape on a clock of seconds (design §3: tests use a fast policy). */
export const fastEscalationPolicy = () => ({
  version: 'fast-test-v1', council: '*', renotifyAckWithinSeconds: 2,
  ladders: {
    T: [
      { key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: 'home' }, { role: 'on-call-manager', scope: 'council' }],
        ask: 'call-police-now', ackWithinSeconds: 3 },
      { key: 'police-liaison', afterSeconds: 2, audiences: [{ role: 'police-liaison-officer', scope: 'police-force' }], ask: 'acknowledge',
        ackWithinSeconds: 2, escalateTo: { role: 'control-room-inspector', scope: 'police-force' } },
      { key: 'strategy-meeting', afterSeconds: 4, audiences: [{ role: 'team-manager', scope: 'council' }], ask: 'strategy-meeting',
        ackWithinSeconds: 600, createsTask: 'strategy-meeting' },
      { key: 'director', afterSeconds: 600, audiences: [{ role: 'director', scope: 'council' }], ask: 'senior-oversight', ackWithinSeconds: 600 },
    ],
    'S-high': [{ key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: 'home' }], ask: 'acknowledge', ackWithinSeconds: 600 }],
    'S-medium': [{ key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: 'home' }], ask: 'acknowledge', ackWithinSeconds: 600 }],
    'S-low': [{ key: 'social-worker', afterSeconds: 0, audiences: [{ role: 'social-worker', scope: 'council' }], ask: 'acknowledge', ackWithinSeconds: 600 }],
  },
  tasks: {
    strategyMeeting: { hardLimitSeconds: 86_400, invitees: ['social care', 'police', 'health', 'ICTG'] },
    returnInterviewDueSeconds: 3, nrmReferralDueSeconds: 86_400, repeatMeetingDueSeconds: 86_400,
  },
});

/** Writes the fast policy to a file for ESCALATION_POLICY_FILES. */
export function fastPolicyFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'fast.json');
  writeFileSync(file, JSON.stringify(fastEscalationPolicy()));
  return file;
}
