import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, startStack, type Stack } from '@safeguard/testing';

const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const AMINA = '5e0c1a1e-0000-4000-8000-000000000001'; // demo child: suspected trafficked, UASC, day 2 of placement

describe('walking skeleton: one absence carried through all four services to a real email', () => {
  let stack: Stack;
  const key = `e2e-${Date.now()}`;

  beforeAll(async () => {
    stack = await startStack('e2e');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('emails the home duty manager and the on-call manager with the reference and an ack link, never the name', async () => {
    const sink = stack.sink;
    const intake = { url: stack.url('intake') };
    const token = await stack.token('intake', { sub: 'care-worker-1', role: 'care-staff', scope: { kind: 'home', id: OAK_HOUSE } });
    const now = Date.now();
    const started = performance.now();
    const report = JSON.stringify({
      childId: AMINA,
      classification: 'M',
      lastSeen: { at: new Date(now - 40 * 60_000).toISOString(), where: 'Oak House lounge', by: 'night worker' },
      discoveredAt: new Date(now - 5 * 60_000).toISOString(),
      circumstances: ['contact-from-unknown-adults', 'took-belongings'],
      clothing: 'red coat',
    });
    const res = await fetch(`${intake.url}/api/v1/absences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: report,
    });
    expect(res.status).toBe(201);
    const { episodeId, reference } = (await res.json()) as { episodeId: string; reference: string };
    expect(reference).toMatch(/^MFC-\d{4}-\d{6}$/);

    const dutyManager = await eventually(() => {
      const [mail] = sink.to('priya.duty@demo-council.example');
      if (!mail) throw new Error('no email for the home duty manager yet');
      return mail;
    }, { timeoutMs: 30_000, intervalMs: 10 });
    const latencyMs = Math.round(performance.now() - started);
    console.log(`report → first alert email: ${latencyMs} ms (episode ${episodeId})`);

    const onCall = await eventually(() => {
      const [mail] = sink.to('grace.oncall@demo-council.example');
      if (!mail) throw new Error('no email for the on-call manager yet');
      return mail;
    });
    for (const mail of [dutyManager, onCall]) {
      expect(mail.subject).toContain(reference);
      expect(mail.subject).toContain('[HIGH]');
      expect(mail.text).toMatch(/\/ack\/[A-Za-z0-9_-]{48}$/m);
      for (const personal of ['Amina', 'Example', 'red coat', 'Oak House lounge']) {
        expect(mail.text).not.toContain(personal);
        expect(mail.html).not.toContain(personal);
        expect(mail.subject).not.toContain(personal);
      }
      expect(mail.messageId).toMatch(/@alerts\.safeguard\.local>$/);
    }

    // A retried submission (the same request) returns the same episode and sends nothing new.
    const retry = await fetch(`${intake.url}/api/v1/absences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: report,
    });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { episodeId: string }).episodeId).toBe(episodeId);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(sink.to('priya.duty@demo-council.example')).toHaveLength(1);
    expect(sink.to('grace.oncall@demo-council.example')).toHaveLength(1);
  });
});
