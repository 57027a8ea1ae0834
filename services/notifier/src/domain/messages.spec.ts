import { describe, expect, it } from '@jest/globals';
import { AlertAsk, RiskLevel, Role, TaskKind, type AlertRequested, type DataOf } from '@safeguard/contracts';
import { signAckLink } from './ack-link.js';
import { gsm7Length, TEXT_LIMIT } from './gsm7.js';
import { kindOf, renderEmail, renderText } from './messages.js';

type Alert = DataOf<typeof AlertRequested>;
const alert: Alert = {
  alertId: '9a0c1a1e-0000-4000-8000-000000000001', episodeId: '9a0c1a1e-0000-4000-8000-000000000002',
  episodeReference: 'MFC-2026-000042', childId: '5e0c1a1e-0000-4000-8000-000000000001',
  audience: { role: 'home-duty-manager', scope: { kind: 'home', id: 'h' } }, level: 'high',
  ladder: 'T', rung: 0, ask: 'call-police-now', attempt: 1,
  ackDeadline: '2026-11-25T02:20:00.000Z', requestedAt: '2026-11-25T02:05:00.000Z',
};
// The longest link allowed: PUBLIC_URL is at most 48 characters; the token is 48.
const LONGEST_URL = `https://${'a'.repeat(40)}/ack/${signAckLink('s'.repeat(32), { deliveryId: alert.alertId, expiresAt: 2e12 })}`;

describe('alert messages', () => {
  it('an alert email carries reference, level, what is asked, deadline (UK time) and the link', () => {
    const mail = renderEmail(alert, 'https://notifier.example/ack/abc');
    expect(mail.subject).toBe('[HIGH] Child missing from care: MFC-2026-000042 - acknowledge by 25 Nov 2026, 02:20');
    expect(mail.text).toContain('Make sure the police have been called now');
    expect(mail.html).toContain('href="https://notifier.example/ack/abc"');
  });

  it('each kind of message has its own subject; a "found" notice has no level, no alert wording and no link', () => {
    const subjects = {
      alert: renderEmail(alert, 'u').subject,
      're-send': renderEmail({ ...alert, attempt: 2 }, 'u').subject,
      escalation: renderEmail({ ...alert, ask: 'escalation', escalatedFrom: 'home-duty-manager' }, 'u').subject,
      breach: renderEmail({ ...alert, ask: 'deadline-missed', missed: 'return-home-interview' }, 'u').subject,
      found: renderEmail({ ...alert, ask: 'child-found', level: 'high' }, undefined).subject,
    };
    expect(new Set(Object.values(subjects)).size).toBe(5);
    expect(subjects['re-send']).toMatch(/^Reminder/);
    expect(subjects.escalation).toMatch(/^Escalated to you/);
    expect(subjects.breach).toMatch(/^Deadline missed/);
    expect(subjects.found).toBe('Child found: MFC-2026-000042 - no action needed');
    const found = renderEmail({ ...alert, ask: 'child-found' }, undefined);
    expect(`${found.subject} ${found.text} ${found.html}`).not.toMatch(/HIGH|missing|acknowledge|\/ack\//i);
    expect(renderText({ ...alert, ask: 'child-found' })).not.toMatch(/HIGH|missing|ACK/);
    // An alert without its link and code is refused, never sent worded as a "found" notice.
    expect(() => renderText(alert)).toThrow(/needs its acknowledgement link/);
  });

  it('kinds follow the ask, the escalation and the attempt', () => {
    expect(kindOf({ ask: 'acknowledge', attempt: 1 })).toBe('alert');
    expect(kindOf({ ask: 'acknowledge', attempt: 3 })).toBe('re-send');
    expect(kindOf({ ask: 'acknowledge', attempt: 1, escalatedFrom: 'on-call-manager' })).toBe('escalation');
    expect(kindOf({ ask: 'deadline-missed', attempt: 2 })).toBe('breach');
    expect(kindOf({ ask: 'child-found', attempt: 1 })).toBe('found');
  });

  it('every text, for every ask, level, missed deadline and escalated role, is GSM-7 and fits in two fragments (306)', () => {
    let longest = 0;
    let count = 0;
    for (const ask of AlertAsk.options) for (const level of RiskLevel.options) for (const attempt of [1, 2]) {
      for (const missed of [undefined, ...TaskKind.options]) for (const escalatedFrom of [undefined, ...Role.options]) {
        for (const police of [false, true]) {
          const a: Alert = { ...alert, ask, level, attempt, ...(missed ? { missed } : {}), ...(escalatedFrom ? { escalatedFrom } : {}) };
          const text = renderText(a, { url: LONGEST_URL, replyCode: '4821', police });
          const length = gsm7Length(text);
          expect({ text, gsm7: length !== undefined }).toEqual({ text, gsm7: true });
          expect({ text, fits: length! <= TEXT_LIMIT }).toEqual({ text, fits: true });
          longest = Math.max(longest, length!);
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(10_000);
    expect(longest).toBeGreaterThan(250); // the check is not vacuous
    console.log(`longest text: ${longest} GSM-7 characters`);
  });

  it('a text says how to acknowledge: the reply code (police add their reference) and the link; no name', () => {
    const text = renderText(alert, { url: 'https://s.example/ack/t', replyCode: '4821', police: false });
    expect(text).toBe('Safeguard: HIGH risk missing child, MFC-2026-000042. Make sure police are called now. By 25 Nov, 02:20 reply ACK 4821 or open https://s.example/ack/t');
    expect(renderText(alert, { url: 'u', replyCode: '4821', police: true })).toContain('reply ACK 4821 + police ref');
    // A number holding every code gets the link alone.
    expect(renderText(alert, { url: 'https://s.example/ack/t', police: false })).toMatch(/ open https:\/\/s\.example\/ack\/t to acknowledge$/);
  });
});
