import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import type { Audience } from '@safeguard/platform';
import { startStack, type Stack } from '@safeguard/testing';

/**
 * Property-based hostile input against every public endpoint of every service: generated malformed bodies, headers,
 * tokens and path segments. Never a 5xx; and nothing written unless the answer was a success.
 */
type Service = 'intake' | 'risk-scoring' | 'episode-tracker' | 'notifier' | 'web';
const ENDPOINTS: [Service, string, string][] = [
  ['intake', 'POST', '/api/v1/children'], ['intake', 'GET', '/api/v1/children/{x}'], ['intake', 'PATCH', '/api/v1/children/{x}'],
  ['intake', 'GET', '/api/v1/homes/{x}/children'], ['intake', 'PUT', '/api/v1/children/{x}/information-pack'],
  ['intake', 'GET', '/api/v1/children/{x}/information-pack'], ['intake', 'PUT', '/api/v1/children/{x}/information-pack/photo'],
  ['intake', 'POST', '/api/v1/absences'], ['intake', 'PATCH', '/api/v1/absences/{x}'], ['intake', 'POST', '/api/v1/absences/{x}/return'],
  ['intake', 'GET', '/api/v1/insight/ssda903-missing?council=DEMO-COUNCIL&year={x}'], ['intake', 'GET', '/api/v1/insight/patterns?council={x}&year=2025-26'],
  ['risk-scoring', 'GET', '/api/v1/assessments?episodeId={x}'], ['episode-tracker', 'GET', '/api/v1/insight/compliance?council=DEMO-COUNCIL&year={x}'],
  ['episode-tracker', 'GET', '/api/v1/episodes?state={x}'], ['episode-tracker', 'GET', '/api/v1/episodes/{x}'],
  ['episode-tracker', 'POST', '/api/v1/alerts/{x}/acknowledge'], ['episode-tracker', 'GET', '/api/v1/alerts/awaiting'],
  ['episode-tracker', 'GET', '/api/v1/tasks?due={x}'], ['episode-tracker', 'PATCH', '/api/v1/tasks/{x}'],
  ['notifier', 'GET', '/ack/{x}'], ['notifier', 'POST', '/ack/{x}'], ['notifier', 'POST', '/api/v1/people'], ['notifier', 'POST', '/api/v1/rota'],
  ['web', 'POST', '/sign-in'], ['web', 'GET', '/episodes/{x}'], ['web', 'POST', '/report/{x}'], ['web', 'GET', '/insight?year={x}'],
  ['web', 'GET', '/insight/patterns/{x}'], ['web', 'GET', '/insight/return/{x}'],
];
const ROLES = ['care-staff', 'home-duty-manager', 'on-call-manager', 'police-liaison-officer', 'admin', 'director', 'team-manager'] as const;

describe('hostile input (fast-check) against every public endpoint', () => {
  let stack: Stack;
  let intakeDb: pg.Client;

  beforeAll(async () => {
    stack = await startStack('hostile', { web: true });
    intakeDb = new pg.Client({ connectionString: stack.databaseUrl('intake') });
    await intakeDb.connect();
  });

  afterAll(async () => {
    await intakeDb?.end();
    await stack?.stop();
  });

  it('never answers 5xx and never writes on a refusal', async () => {
    const count = async () => Number((await intakeDb.query('SELECT (SELECT count(*) FROM absence) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM child) AS n')).rows[0].n);
    const before = await count();
    let successes = 0; // accepted writes to intake
    const statuses = new Map<number, number>();
    const token = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 300 }),
      fc.record({ role: fc.constantFrom(...ROLES), id: fc.oneof(fc.uuid(), fc.constantFrom('DEMO-COUNCIL', 'DEMO-FORCE', '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001')) })
        .map(({ role, id }) => ({ sub: 'fuzz', role, scope: { kind: role.startsWith('police') ? 'police-force' as const : role.includes('home') || role === 'care-staff' ? 'home' as const : 'council' as const, id } })),
    );
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 2_000 }),
      fc.constantFrom('{', '{"childId":', '[]', 'null', '{"__proto__":{"admin":true}}', "'; DROP TABLE absence; --", '<script>alert(1)</script>'),
      fc.record({ childId: fc.oneof(fc.uuid(), fc.string()), classification: fc.string(), lastSeen: fc.anything(), discoveredAt: fc.string() }).map((o) => JSON.stringify(o)),
    );
    const segment = fc.oneof(fc.uuid(), fc.string({ maxLength: 200 }), fc.constantFrom('..', '%00', '%2e%2e%2f', "1' OR '1'='1", 'a'.repeat(5_000)));
    const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'image/jpeg', 'multipart/form-data; boundary=x');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), token, body, segment, contentType, async ([service, method, path], t, b, seg, ct) => {
        const url = stack.url(service) + path.replace('{x}', encodeURIComponent(seg));
        const bearer = typeof t === 'object' ? await stack.token(service as Audience, t) : t;
        const res = await fetch(url, {
          method, body: method === 'GET' ? undefined : b,
          headers: { 'content-type': ct, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), 'idempotency-key': seg.slice(0, 200).replace(/[^\x20-\x7e]/g, '') },
        }).catch((e: Error) => ({ status: e.message.includes('header') ? 400 : 599 }) as Response);
        if ('text' in res) await res.text();
        if (res.status < 300 && method !== 'GET' && service === 'intake') successes++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect({ service, method, path, status: res.status < 500 }).toEqual({ service, method, path, status: true });
      }),
      { numRuns: 400, interruptAfterTimeLimit: 120_000 },
    );
    console.log(`hostile input: ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(', ')}`);
    expect([...statuses.keys()].filter((s) => s >= 400 && s < 500).length).toBeGreaterThan(2); // it did reach the validators
    if (successes === 0) expect(await count()).toBe(before);
  });
});
