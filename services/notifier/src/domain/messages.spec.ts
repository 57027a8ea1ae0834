import { describe, expect, it } from '@jest/globals';
import { renderAlertEmail } from './alert-email.js';

describe('alert email', () => {
  const alert = {
    alertId: '9a0c1a1e-0000-4000-8000-000000000001', episodeId: '9a0c1a1e-0000-4000-8000-000000000002',
    episodeReference: 'MFC-2026-000042', childId: '5e0c1a1e-0000-4000-8000-000000000001',
    audience: { role: 'home-duty-manager' as const, scope: { kind: 'home' as const, id: 'h' } }, level: 'high' as const,
    ladder: 'T' as const, rung: 0, ask: 'call-police-now' as const, attempt: 1,
    ackDeadline: '2026-11-25T02:20:00.000Z', requestedAt: '2026-11-25T02:05:00.000Z',
  };

  it('carries reference, level, what is asked, deadline (UK time) and the link', () => {
    const mail = renderAlertEmail(alert, 'https://notifier.example/ack/abc.def');
    expect(mail.subject).toBe('[HIGH] Child missing from care: MFC-2026-000042 - acknowledge by 25 Nov 2026, 02:20');
    expect(mail.text).toContain('Make sure the police have been called now');
    expect(mail.text).toContain('https://notifier.example/ack/abc.def');
    expect(mail.html).toContain('href="https://notifier.example/ack/abc.def"');
  });
});
