import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import type { Audience, ServiceApi } from '@safeguard/platform';
import { startStack, type Stack } from '@safeguard/testing';
import { episodeTrackerApi } from '../services/episode-tracker/src/http/routes.js';
import { intakeApi } from '../services/intake/src/http/routes.js';
import { notifierApi } from '../services/notifier/src/http/routes.js';
import { riskScoringApi } from '../services/risk-scoring/src/http/routes.js';

/**
 * Property-based hostile input against every public endpoint of every service: generated malformed bodies, headers,
 * tokens and path segments. Never a 5xx; and nothing written unless the answer was a success.
 */
type Service = 'intake' | 'risk-scoring' | 'episode-tracker' | 'notifier' | 'web';
/** A path with `{name}` for each hostile segment, and the names of its query parameters (each fuzzed or left out). */
type Endpoint = [service: Service, method: string, path: string, query: string[]];
/*
 * Every route of every service's table (src/http/routes.ts), so a route added there is fuzzed here too; all but
 * those that document a 5xx of their own (/health/ready answers 503 while a dependency is down).
 */
const TABLES: [Service, ServiceApi][] = [['intake', intakeApi], ['risk-scoring', riskScoringApi], ['episode-tracker', episodeTrackerApi], ['notifier', notifierApi]];
const ENDPOINTS: Endpoint[] = [
  ...TABLES.flatMap(([service, api]) => api.routes
    .filter((r) => !Object.keys(r.responses).some((status) => Number(status) >= 500))
    .map((r): Endpoint => [service, r.method.toUpperCase(), r.path, Object.keys(r.query?.shape ?? {})])),
  // The web front end has no route table: its public forms and pages by hand.
  ...([['POST', '/sign-in'], ['GET', '/episodes/{x}'], ['POST', '/report/{x}'], ['GET', '/insight?year={x}'],
    ['GET', '/insight/patterns/{x}'], ['GET', '/insight/return/{x}']] as const).map(([method, path]): Endpoint => ['web', method, path, []]),
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
    // A query parameter is left out, hostile, or a plausible value so that the others are what gets refused.
    const queryValue = fc.option(fc.oneof(segment, fc.constantFrom('DEMO-COUNCIL', '2025-26', 'overdue', 'open', 'admin', '2026-01-01T00:00:00Z')), { nil: undefined });
    const queryValues = fc.array(queryValue, { minLength: 4, maxLength: 4 });
    const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'image/jpeg', 'multipart/form-data; boundary=x');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), token, body, segment, queryValues, contentType, async ([service, method, path, query], t, b, seg, qs, ct) => {
        const search = new URLSearchParams(query.flatMap((name, i) => (qs[i] === undefined ? [] : [[name, qs[i]]])));
        const url = stack.url(service) + path.replace(/\{\w+\}/g, encodeURIComponent(seg)) + (search.size ? `?${search}` : '');
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
