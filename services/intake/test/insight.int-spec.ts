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

type Json = Record<string, unknown>;

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

  it('exports the Missing table in the DfE layout and flags exactly the planted rule breaches, each once, per child', async () => {
    const { status, body } = await get(`ssda903-missing?council=${COUNCIL}&year=2025-26`);
    expect(status).toBe(200);
    expect(body.columns).toEqual(['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END']);
    expect(body.checkedRules).toEqual(['564', '565', '566', '567', '570', '571', '574', '575', '576', '577', '578', '580', '581', '586', '1004',
      '1005', '1006', '1012', 'INT04', 'INT13']);
    const rows = body.rows as Record<string, string>[];
    expect(rows).toHaveLength(YEAR.expected.rows);
    for (const r of rows) {
      expect(r.CHILD).toMatch(/^SY\d{4}$/);
      expect(r.MIS_START).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    }
    const failures = body.failures as { rule: string; table: string; reference: string; CHILD: string; childName: string; childId: string; fix: string }[];
    const byRule = (a: { rule: string }, b: { rule: string }) => a.rule.localeCompare(b.rule);
    expect(failures.map((f) => ({ rule: f.rule, reference: f.reference, CHILD: f.CHILD })).sort(byRule)).toEqual([...YEAR.expected.breaches].sort(byRule));
    expect(new Set(failures.map((f) => f.rule)).size).toBe(failures.length);
    for (const f of failures) {
      expect(f.CHILD).toBe(LA.get(f.childId));
      expect(f.childName).toMatch(/^Synthetic\d+ Child$/);
      expect(f.table).toBe(f.rule === '580' ? 'Episodes' : 'Missing');
      expect(f.fix.length).toBeGreaterThan(10);
    }
    // Each rule is explained in the DfE's words, with the fields it names.
    const rules = body.rules as { code: string; message: string; fields: string[] }[];
    expect(rules.find((r) => r.code === '577')).toMatchObject({ fields: ['MIS_END'],
      message: 'Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.' });
    expect(body.tables).toEqual({
      Header: { columns: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'], known: ['CHILD', 'DOB'], rows: YEAR.children.length - 1 },
      Episodes: expect.objectContaining({ known: ['CHILD', 'DECOM', 'RNE', 'DEC', 'REC'] }),
    });
    // UK days: last seen at 23:30 UTC in May is the next day; the episode from 30 March to 2 April is returned with
    // no end date, and so is the one still missing.
    for (const sample of YEAR.expected.sampleRows) {
      const r = rows.find((x) => x.episodeReference === sample.reference)!;
      expect({ reference: r.episodeReference, MIS_START: r.MIS_START, MIS_END: r.MIS_END }).toEqual(sample);
    }
    expect(rows.find((r) => r.episodeReference === YEAR.expected.references.notMOrA)!.MISSING).toBe('X');
    expect(rows.find((r) => r.episodeReference === YEAR.expected.references.noType)!.MISSING).toBe('');
    // Every child listed is audited as read by this manager.
    expect(await audits('insight.return')).toBe(new Set(rows.map((r) => r.childId)).size);
  });

  it('exports the Header and Episodes tables as far as intake knows them, beside Missing', async () => {
    const before = await audits('insight.return');
    const header = await get(`ssda903-header?council=${COUNCIL}&year=2025-26`);
    expect(header.status).toBe(200);
    const heads = header.body.rows as Record<string, string>[];
    // Every child but the one who left care before the year (rule 1012's).
    expect(heads.map((h) => h.CHILD).sort()).toEqual(YEAR.children.map((c) => c.laChildId).filter((c) => c !== 'SY0012').sort());
    expect(heads.find((h) => h.CHILD === 'SY0011')).toMatchObject({ DOB: '01/08/2025', SEX: '', ETHNIC: '', UPN: '', MOTHER: '', MC_DOB: '' });
    const episodes = await get(`ssda903-episodes?council=${COUNCIL}&year=2025-26`);
    expect(episodes.status).toBe(200);
    expect(episodes.body.columns).toEqual(['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE',
      'HOME_POST', 'PL_POST', 'URN']);
    const of = (CHILD: string) => (episodes.body.rows as Record<string, string>[]).filter((e) => e.CHILD === CHILD)
      .map((e) => [e.DECOM, e.RNE, e.DEC, e.REC]);
    // A move inside the year (X1, then P), care ceased on the 18th birthday, and a placement still running.
    expect(of('SY0007')).toEqual([['15/01/2024', 'S', '20/02/2026', 'X1'], ['20/02/2026', 'P', '', '']]);
    expect(of('SY0013')).toEqual([['15/01/2024', 'S', '05/10/2025', 'E4A']]);
    expect(of('SY0001')).toEqual([['15/01/2024', 'S', '', '']]);
    expect(of('SY0012')).toEqual([]);
    expect(await audits('insight.return') - before).toBe(heads.length + new Set((episodes.body.rows as { childId: string }[]).map((e) => e.childId)).size);
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
    expect(body.episodes).toBe(YEAR.expected.startedInYear);
    const repeats = body.repeats as { CHILD: string; total: number; byMonth: number[] }[];
    expect(repeats[0]).toMatchObject(YEAR.expected.mostRepeats);
    expect(repeats.reduce((s, r) => s + r.total, 0)).toBe(YEAR.expected.startedInYear);
    const found = (body.places as { found: { place: string; episodes: number; children: number }[] }).found;
    expect(found[0]).toEqual({ place: 'Bus station, Northtown', episodes: 2, children: 2 });
    expect(await audits('insight.patterns')).toBe(YEAR.expected.childrenInYear);
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

  it('stores the council\'s child identifier as the DfE reads it, one child per identifier whatever its case', async () => {
    const worker = token('social-worker', { kind: 'council', id: COUNCIL });
    const register = async (laChildId: string, placingCouncil = COUNCIL) => {
      const res = await fetch(`${intake.url}/api/v1/children`, {
        method: 'POST', headers: { authorization: `Bearer ${await (placingCouncil === COUNCIL ? worker : token('social-worker', { kind: 'council', id: placingCouncil }))}`, 'content-type': 'application/json' },
        body: JSON.stringify({ homeId: YEAR.homes[0]!.id, givenName: 'Cased', familyName: 'Child', dateOfBirth: '2011-02-03', placingCouncil,
          hostCouncil: COUNCIL, placementStart: '2025-05-01', accommodation: 'childrens-home', legalStatus: 's20-voluntary', laChildId }),
      });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const first = await register(' ab12c ');
    expect(first.status).toBe(201);
    expect(first.body.laChildId).toBe('AB12C');
    const children = async () => Number((await db.query('SELECT count(*) FROM child')).rows[0].count);
    const before = await children();
    for (const clash of ['AB12C', 'Ab12c']) {
      const again = await register(clash);
      expect(again.status).toBe(409);
      expect((again.body['invalid-params'] as { name: string }[]).map((p) => p.name)).toEqual(['body.laChildId']);
    }
    expect(await children()).toBe(before);
    // Two registrations racing for one identifier: one is recorded, the other refused naming the field.
    const race = await Promise.all([register('RACE1'), register('race1')]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    // Another council may use the same identifier for its own child.
    expect((await register('ab12c', 'OTHER-COUNCIL')).status).toBe(201);
    // Written past the API, the index still refuses it.
    await expect(db.query(`UPDATE child SET la_child_id = 'ab12c ' WHERE la_child_id = 'SY0001'`)).rejects.toThrow(/child_la_child_id_any_case/);
  });

  it('records that a child ceased to be looked after, and the return reads it (DEC and REC)', async () => {
    const child = YEAR.children[4]!; // SY0005, still placed
    const as = (role: Role, scope: Scope) => async (body: unknown) => {
      const res = await fetch(`${intake.url}/api/v1/children/${child.id}/ceased-care`, {
        method: 'POST', headers: { authorization: `Bearer ${await token(role, scope)}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const worker = as('social-worker', { kind: 'council', id: COUNCIL });
    const names = (r: { body: Json }) => (r.body['invalid-params'] as { name: string }[]).map((p) => p.name);
    expect(names(await worker({ on: '2026-01-10', reason: 'X1' }))).toEqual(['body.reason']);
    expect(names(await worker({ on: '2023-12-31', reason: 'E4A' }))).toEqual(['body.on']);
    expect((await as('care-staff', { kind: 'home', id: child.homeId })({ on: '2026-01-10', reason: 'E4A' })).status).toBe(403);
    expect((await as('social-worker', { kind: 'council', id: 'OTHER-COUNCIL' })({ on: '2026-01-10', reason: 'E4A' })).status).toBe(404);
    const placement = async () => (await db.query('SELECT ended_on::text AS "endedOn", ceased_reason AS "ceasedReason" FROM placement WHERE child_id = $1', [child.id])).rows;
    expect(await placement()).toEqual([{ endedOn: null, ceasedReason: null }]);
    const done = await worker({ on: '2026-01-10', reason: 'E4A' });
    expect(done.status).toBe(200);
    expect(await placement()).toEqual([{ endedOn: '2026-01-10', ceasedReason: 'E4A' }]);
    expect((await worker({ on: '2026-01-11', reason: 'E4A' })).status).toBe(409);
    const episodes = await get(`ssda903-episodes?council=${COUNCIL}&year=2025-26`);
    expect((episodes.body.rows as Record<string, string>[]).filter((e) => e.CHILD === child.laChildId).map((e) => [e.DEC, e.REC])).toEqual([['10/01/2026', 'E4A']]);
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
