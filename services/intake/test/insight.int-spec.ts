import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Role, Scope } from '@safeguard/contracts';
import { dropDatabase, ensureTopics } from '@safeguard/platform';
import { freePort, isolation, seedIntakeYear, ServiceProcess, serviceEnv, syntheticYear, TEST_PARTITIONS, testInfrastructure, TestTokens, type Infrastructure } from '@safeguard/testing';

const tokens = await TestTokens.create();
const COUNCIL = 'SYNTH-COUNCIL';
const YEAR = syntheticYear({ council: COUNCIL, force: 'SYNTH-FORCE' });
const LA = new Map(YEAR.children.map((c) => [c.id, c.laChildId]));

type Json = Record<string, never>;

describe('the SSDA903 return and prevention patterns from a synthetic year, on real PostgreSQL', () => {
  const iso = isolation('insight');
  let infra: Infrastructure;
  let intake: ServiceProcess;
  let db: pg.Client;
  const token = (role: Role, scope: Scope) => tokens.token('intake', { sub: `${role}-1`, role, scope });
  const manager = token('team-manager', { kind: 'council', id: COUNCIL });
  const get = async (path: string, as = manager) => {
    const res = await fetch(`${intake.url}/api/v1/insight/${path}`, { headers: { authorization: `Bearer ${await as}` } });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const audits = async (action: string) => Number((await db.query('SELECT count(*) FROM audit_log WHERE action = $1', [action])).rows[0].count);

  beforeAll(async () => {
    infra = await testInfrastructure();
    await ensureTopics(infra.kafkaBrokers, iso.topicPrefix, TEST_PARTITIONS);
    intake = await new ServiceProcess('intake', await freePort(), serviceEnv(iso, infra, 'intake', tokens), iso.id).start();
    db = new pg.Client({ connectionString: iso.database(infra.postgresUrl, 'intake') });
    await db.connect();
    await seedIntakeYear(db, YEAR);
  });

  afterAll(async () => {
    await intake?.stop();
    await db?.end();
    await dropDatabase(iso.database(infra.postgresUrl, 'intake')).catch(() => undefined);
    await infra?.stop();
  });

  it('exports the Missing table in the DfE layout and flags exactly the planted rule breaches, per child', async () => {
    const { status, body } = await get(`ssda903-missing?council=${COUNCIL}&year=2025-26`);
    expect(status).toBe(200);
    expect(body.columns).toEqual(['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END']);
    const rows = body.rows as Record<string, string>[];
    expect(rows).toHaveLength(YEAR.expected.rows);
    for (const r of rows) {
      expect(r.CHILD).toMatch(/^SY\d{4}$/);
      expect(r.MIS_START).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    }
    const failures = body.failures as { rule: string; reference: string; CHILD: string; childName: string; childId: string }[];
    expect(failures.map((f) => ({ rule: f.rule, reference: f.reference })).sort((a, b) => a.rule.localeCompare(b.rule)))
      .toEqual([...YEAR.expected.breaches].sort((a, b) => a.rule.localeCompare(b.rule)));
    for (const f of failures) {
      expect(f.CHILD).toBe(LA.get(f.childId));
      expect(f.childName).toMatch(/^Synthetic\d Child$/);
    }
    // UK days: last seen at 23:30 UTC in May is the next day; the episode from 30 March to 2 April is returned with
    // no end date, and so is the one still missing.
    for (const sample of YEAR.expected.sampleRows) {
      const r = rows.find((x) => x.episodeReference === sample.reference)!;
      expect({ reference: r.episodeReference, MIS_START: r.MIS_START, MIS_END: r.MIS_END }).toEqual(sample);
    }
    expect(rows.find((r) => r.episodeReference === YEAR.expected.references.notMOrA)!.MISSING).toBe('X');
    // Every child listed is audited as read by this manager.
    expect(await audits('insight.return')).toBe(new Set(rows.map((r) => r.childId)).size);
  });

  it('finds the patterns, and flags the planted link and nothing else', async () => {
    const { status, body } = await get(`patterns?council=${COUNCIL}&year=2025-26`);
    expect(status).toBe(200);
    const links = body.links as { kind: string; children: { CHILD: string }[]; detail: string }[];
    expect(links.map((l) => ({ kind: l.kind, children: l.children.map((c) => c.CHILD) }))).toEqual(YEAR.expected.links);
    expect(links[0]!.detail).toBe('Bus station, Northtown');
    const grid = body.hourByWeekday as number[][];
    expect(grid).toHaveLength(7);
    expect(grid.flat().reduce((s, n) => s + n, 0)).toBe(body.episodes);
    expect(body.episodes).toBe(YEAR.expected.rows);
    const repeats = body.repeats as { CHILD: string; total: number; byMonth: number[] }[];
    expect(repeats[0]).toMatchObject({ CHILD: 'SY0001', total: 7 }); // six episodes and the overlapping record
    expect(repeats.reduce((s, r) => s + r.total, 0)).toBe(YEAR.expected.rows);
    const found = (body.places as { found: { place: string; episodes: number; children: number }[] }).found;
    expect(found[0]).toEqual({ place: 'Bus station, Northtown', episodes: 2, children: 2 });
    expect(await audits('insight.patterns')).toBe(YEAR.children.length);
  });

  it('keeps the placement history the return needs as a child moves home, with the council\'s child identifier', async () => {
    const worker = token('social-worker', { kind: 'council', id: COUNCIL });
    const send = async (method: string, path: string, body: unknown) => {
      const res = await fetch(`${intake.url}/api/v1${path}`, {
        method, headers: { authorization: `Bearer ${await worker}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const created = await send('POST', '/children', {
      homeId: YEAR.homes[0]!.id, givenName: 'Moving', familyName: 'Child', dateOfBirth: '2011-02-03', placingCouncil: COUNCIL,
      hostCouncil: COUNCIL, placementStart: '2025-05-01', accommodation: 'childrens-home', legalStatus: 's20-voluntary', laChildId: 'MV001',
    });
    expect(created.status).toBe(201);
    expect(created.body.laChildId).toBe('MV001');
    const bad = await send('PATCH', `/children/${created.body.id}`, { laChildId: 'TOO-LONG-ID-1' });
    expect((bad.body['invalid-params'] as { name: string }[]).map((p) => p.name)).toEqual(['body.laChildId']);
    const noStart = await send('PATCH', `/children/${created.body.id}`, { homeId: YEAR.homes[1]!.id });
    expect((noStart.body['invalid-params'] as { name: string }[]).map((p) => p.name)).toEqual(['body.placementStart']);
    expect((await send('PATCH', `/children/${created.body.id}`, { homeId: YEAR.homes[1]!.id, placementStart: '2025-09-10' })).status).toBe(200);
    const { rows } = await db.query(
      'SELECT home_id AS "homeId", started_on::text AS "startedOn", ended_on::text AS "endedOn" FROM placement WHERE child_id = $1 ORDER BY started_on',
      [created.body.id],
    );
    expect(rows).toEqual([
      { homeId: YEAR.homes[0]!.id, startedOn: '2025-05-01', endedOn: '2025-09-10' },
      { homeId: YEAR.homes[1]!.id, startedOn: '2025-09-10', endedOn: null },
    ]);
  });

  it('shows nothing to staff outside the council or below manager, and names a bad query field', async () => {
    const before = await audits('insight.return');
    for (const as of [
      token('team-manager', { kind: 'council', id: 'OTHER-COUNCIL' }), token('care-staff', { kind: 'home', id: YEAR.homes[0]!.id }),
      token('social-worker', { kind: 'council', id: COUNCIL }), token('police-liaison-officer', { kind: 'police-force', id: 'SYNTH-FORCE' }),
    ]) {
      expect((await get(`ssda903-missing?council=${COUNCIL}&year=2025-26`, as)).status).toBe(403);
      expect((await get(`patterns?council=${COUNCIL}&year=2025-26`, as)).status).toBe(403);
    }
    expect(await audits('insight.return')).toBe(before);
    const bad = await get(`ssda903-missing?council=${COUNCIL}&year=2026`);
    expect(bad.status).toBe(400);
    expect((bad.body['invalid-params'] as { name: string }[]).map((p) => p.name)).toEqual(['query.year']);
    expect((await get(`patterns?council=${COUNCIL}&year=2025-26&extra=${randomUUID()}`)).status).toBe(400);
  });
});
