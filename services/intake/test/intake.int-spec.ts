import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  AbsenceReportedV2, AbsenceUpdated, ChildProfileChangedV2, ChildReturned, type Envelope, type Role, type Scope,
} from '@safeguard/contracts';
import { dropDatabase, ensureTopics } from '@safeguard/platform';
import {
  eventually, freePort, isolation, KafkaProbe, ServiceProcess, serviceEnv, TEST_PARTITIONS, testInfrastructure, TestTokens, type Infrastructure,
} from '@safeguard/testing';
import sharp from 'sharp';
import { BIRCH_LODGE, OAK_HOUSE } from '../src/demo-data.js';
import { apiCaller } from './harness.js';
import { gpsTaggedJpeg } from './photo-fixtures.js';

const tokens = await TestTokens.create();
const JPEG = await gpsTaggedJpeg();
// Zara's date of birth is personal too: events carry her age at discovery instead.
const PERSONAL = ['Corner shop on Elm Street', 'Key worker Jo', 'green parka', 'Zara', 'Testchild', 'Bus station', 'PC Smith', 'asthma', '2011-04-02'];

describe('intake on real PostgreSQL and Kafka', () => {
  const iso = isolation('intake');
  let infra: Infrastructure;
  let probe: KafkaProbe;
  let intake: ServiceProcess;
  let db: pg.Client;
  let env: Record<string, string>;
  let profiles: Envelope[];
  let reported: Envelope[];
  let updated: Envelope[];
  let returned: Envelope[];
  const as = (role: Role, scope: Scope) => tokens.token('intake', { sub: `${role}-user`, role, scope });
  const oak = as('care-staff', { kind: 'home', id: OAK_HOUSE });
  const birch = as('care-staff', { kind: 'home', id: BIRCH_LODGE });
  const police = as('police-liaison-officer', { kind: 'police-force', id: 'DEMO-FORCE' });
  const call = apiCaller(() => intake.url);
  const report = (childId: string, over: Record<string, unknown> = {}) => ({
    childId, classification: 'M',
    lastSeen: { at: new Date(Date.now() - 3_600_000).toISOString(), where: 'Corner shop on Elm Street', by: 'Key worker Jo' },
    discoveredAt: new Date(Date.now() - 600_000).toISOString(), circumstances: ['took-belongings'], clothing: 'green parka', ...over,
  });
  const counts = async () => ({
    absences: Number((await db.query('SELECT count(*) FROM absence')).rows[0].count),
    outbox: Number((await db.query('SELECT count(*) FROM outbox')).rows[0].count),
  });
  const invalidNames = (body: Record<string, unknown>) => ((body['invalid-params'] ?? []) as { name: string }[]).map((p) => p.name);

  beforeAll(async () => {
    infra = await testInfrastructure();
    await ensureTopics(infra.kafkaBrokers, iso.topicPrefix, TEST_PARTITIONS);
    probe = new KafkaProbe(infra.kafkaBrokers, iso.topicPrefix);
    [profiles, reported, updated, returned] = (await Promise.all(
      [ChildProfileChangedV2, AbsenceReportedV2, AbsenceUpdated, ChildReturned].map((c) => probe.collect(c as never)),
    )) as Envelope[][] as [never, never, never, never];
    env = serviceEnv(iso, infra, 'intake', tokens);
    intake = await new ServiceProcess('intake', await freePort(), env, iso.id).start();
    await promisify(execFile)(process.execPath, ['services/intake/dist/seed.js'], { env: { ...process.env, ...env } });
    db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await intake?.stop();
    await db?.end();
    await probe?.close();
    await dropDatabase(iso.database(infra.postgresUrl, 'intake')).catch(() => undefined);
    await infra?.stop();
  });

  let childId: string;

  it('registers a child and publishes only the risk-relevant profile, again only when it changes', async () => {
    const created = await call('POST', '/children', oak, {
      homeId: OAK_HOUSE, givenName: 'Zara', familyName: 'Testchild', dateOfBirth: '2011-04-02', placingCouncil: 'DEMO-COUNCIL',
      hostCouncil: 'DEMO-COUNCIL', placementStart: '2026-11-20', accommodation: 'childrens-home', legalStatus: 's20-voluntary',
      uasc: true, separated: true, arrivalDate: '2026-10-01', medicalNeeds: 'asthma', firstLanguage: 'Tigrinya',
    });
    expect(created.status).toBe(201);
    childId = created.body.id as string;
    await eventually(() => expect(profiles.filter((p) => p.subject === childId)).toHaveLength(1));
    expect(await call('PATCH', `/children/${childId}`, oak, { medicalNeeds: 'asthma, inhaler' })).toMatchObject({ status: 200 });
    expect((await call('PATCH', `/children/${childId}`, oak, { trafficking: { status: 'suspected', since: '2026-11-21' } })).body.profileVersion).toBe(2);
    await eventually(() => expect(profiles.filter((p) => p.subject === childId).map((p) => (p.data as { profileVersion: number }).profileVersion)).toEqual([1, 2]));
    const wrong = await call('PATCH', `/children/${childId}`, oak, { nickname: 'Z', uasc: 'yes' });
    expect(wrong.status).toBe(400);
    expect(invalidNames(wrong.body)).toEqual(expect.arrayContaining(['body.uasc']));
    expect((await call('GET', `/children/${childId}`, oak)).body.givenName).toBe('Zara');
  });

  it('keeps one home\'s children from another home\'s staff', async () => {
    expect((await call('GET', `/children/${childId}`, birch)).status).toBe(404);
    expect((await call('POST', '/absences', birch, report(childId))).status).toBe(404);
  });

  let episodeId: string;

  it('reports an absence once per Idempotency-Key, and refuses a second open episode with 409 naming it', async () => {
    // A retry sends the same request again (report() stamps new times on each call).
    const sent = report(childId);
    const first = await call('POST', '/absences', oak, sent, { 'idempotency-key': 'key-0000001' });
    expect(first.status).toBe(201);
    episodeId = first.body.episodeId as string;
    const retry = await call('POST', '/absences', oak, sent, { 'idempotency-key': 'key-0000001' });
    expect([retry.status, retry.body.episodeId]).toEqual([200, episodeId]);
    // The same key for another child is another report, never answered with the first one's episode.
    const before = await counts();
    const reused = await call('POST', '/absences', oak, report(randomUUID()), { 'idempotency-key': 'key-0000001' });
    expect(reused.status).toBe(422);
    expect((reused.body['invalid-params'] as { name: string }[]).map((p) => p.name)).toEqual(['header.Idempotency-Key']);
    expect(await counts()).toEqual(before);
    const second = await call('POST', '/absences', oak, report(childId), { 'idempotency-key': 'key-0000002' });
    expect(second.status).toBe(409);
    expect(second.body.openEpisodeId).toBe(episodeId);
    await eventually(() => expect(reported.filter((e) => (e.data as { episodeId: string }).episodeId === episodeId)).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 500));
    expect(reported.filter((e) => e.subject === childId)).toHaveLength(1);
    // Born 2011-04-02: the report says how old Zara was on the (UK) day she was found missing, never when she was born.
    const today = new Date(sent.discoveredAt).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    const age = Number(today.slice(0, 4)) - 2011 - (today.slice(5) < '04-02' ? 1 : 0);
    expect(reported.find((e) => e.subject === childId)!.data).toMatchObject({ ageAtDiscovery: age });
  });

  it('binds an Idempotency-Key to its request: another body is refused, one in flight gets 409, and it expires after 24 hours', async () => {
    const daniel = '5e0c1a1e-0000-4000-8000-000000000002'; // demo child at Oak House
    const sent = report(daniel);
    const key = { 'idempotency-key': 'key-bound-0001' };
    // While the first request with the key is being recorded (held here at its insert), another with it gets 409.
    const blocker = new pg.Client({ connectionString: env.DATABASE_URL });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE absence IN EXCLUSIVE MODE');
    const pending = call('POST', '/absences', oak, sent, key);
    await eventually(async () => expect((await db.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO absence%'`,
    )).rowCount).toBe(1));
    const during = await call('POST', '/absences', oak, sent, key);
    await blocker.query('COMMIT');
    await blocker.end();
    expect(during.status).toBe(409);
    expect(invalidNames(during.body)).toEqual(['header.Idempotency-Key']);
    const first = await pending;
    expect(first.status).toBe(201);
    // The same request, its fields in another order, is a retry; the same key with another body writes nothing.
    const reordered = Object.fromEntries(Object.entries(sent).reverse());
    expect(await call('POST', '/absences', oak, reordered, key)).toMatchObject({ status: 200, body: { episodeId: first.body.episodeId } });
    const before = await counts();
    const changed = await call('POST', '/absences', oak, { ...sent, clothing: 'blue jacket' }, key);
    expect(changed.status).toBe(422);
    expect(invalidNames(changed.body)).toEqual(['header.Idempotency-Key']);
    expect(await counts()).toEqual(before);
    // After 24 hours the key is new again: no replay, no refusal for another body.
    await db.query(`UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = $1`, [key['idempotency-key']]);
    expect((await call('POST', '/absences', oak, report(randomUUID()), key)).status).toBe(404);
    const again = await call('POST', '/absences', oak, sent, key);
    expect([again.status, again.body.openEpisodeId]).toEqual([409, first.body.episodeId]);
    expect(await counts()).toEqual(before);
  });

  it('records exactly one episode for two sends of one request at once with the same key', async () => {
    const amina = '5e0c1a1e-0000-4000-8000-000000000001'; // demo child at Oak House
    const sent = report(amina);
    const key = { 'idempotency-key': 'key-race-0001' };
    const both = await Promise.all([call('POST', '/absences', oak, sent, key), call('POST', '/absences', oak, sent, key)]);
    const created = both.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const other = both.find((r) => r !== created[0])!;
    if (other.status === 200) expect(other.body.episodeId).toBe(created[0]!.body.episodeId);
    else expect({ status: other.status, fields: invalidNames(other.body) }).toEqual({ status: 409, fields: ['header.Idempotency-Key'] });
    expect((await db.query('SELECT episode_id FROM absence WHERE child_id = $1', [amina])).rows).toEqual([{ episode_id: created[0]!.body.episodeId }]);
    expect(await call('POST', '/absences', oak, sent, key)).toMatchObject({ status: 200, body: { episodeId: created[0]!.body.episodeId } });
  });

  it('refuses every bad input with a 4xx naming the field, and writes nothing', async () => {
    const before = await counts();
    const amina = '5e0c1a1e-0000-4000-8000-000000000004'; // demo child at Birch Lodge
    const cases: [string, string, string, unknown, number, string[], Record<string, string>?][] = [
      ['missing fields', 'POST', '/absences', { childId }, 400, ['body.classification', 'body.lastSeen', 'body.discoveredAt']],
      ['wrong types', 'POST', '/absences', report(childId, { classification: 7, circumstances: 'x' }), 400, ['body.classification', 'body.circumstances']],
      ['unknown child', 'POST', '/absences', report(randomUUID()), 404, ['body.childId']],
      ['last seen in the future', 'POST', '/absences', report(amina, { lastSeen: { at: new Date(Date.now() + 3_600_000).toISOString(), where: 'x', by: 'y' } }), 400, ['body.lastSeen.at']],
      ['discovered before last seen', 'POST', '/absences', report(amina, { discoveredAt: new Date(Date.now() - 7_200_000).toISOString() }), 400, ['body.discoveredAt']],
      ['unknown code', 'POST', '/absences', report(amina, { circumstances: ['went-to-the-moon'] }), 400, ['body.circumstances.0']],
      ['100 kB string', 'POST', '/absences', report(amina, { clothing: 'x'.repeat(100_000) }), 400, ['body.clothing']],
      ['SQL injection in an id', 'POST', '/absences', report("1' OR '1'='1"), 400, ['body.childId']],
      ['HTML injection in a code', 'POST', '/absences', report(amina, { classification: '<script>alert(1)</script>' }), 400, ['body.classification']],
      ['malformed JSON', 'POST', '/absences', '{"childId": ', 400, ['body']],
      ['bad idempotency key', 'POST', '/absences', report(amina), 400, ['header.Idempotency-Key'], { 'idempotency-key': "'; DROP TABLE absence;--" }],
      ['return before the report', 'POST', `/absences/${episodeId}/return`, { locatedAt: new Date(Date.now() - 86_400_000).toISOString(), returnedAt: new Date().toISOString(), where: 'Bus station', by: 'PC Smith', foundBy: 'police', harmDuringEpisode: false }, 400, ['body.locatedAt']],
      ['non-image photo', 'PUT', `/children/${childId}/information-pack/photo`, Buffer.from('%PDF-1.4 not an image'), 400, ['body'], { 'content-type': 'application/pdf', 'photo-taken-on': '2026-11-01' }],
      ['oversized photo', 'PUT', `/children/${childId}/information-pack/photo`, Buffer.concat([JPEG, Buffer.alloc(3 * 1024 * 1024)]), 413, ['body'], { 'content-type': 'image/jpeg', 'photo-taken-on': '2026-11-01' }],
      ['update with nothing', 'PATCH', `/absences/${episodeId}`, {}, 400, ['body']],
    ];
    for (const [name, method, path, body, status, fields, headers] of cases) {
      const token = name.includes('last seen') || name.includes('discovered') || name.includes('code') || name.includes('100 kB') || name.includes('HTML') || name.includes('idempotency')
        ? as('care-staff', { kind: 'home', id: BIRCH_LODGE }) : oak;
      const res = await call(method, path, token, body, headers);
      expect({ name, status: res.status, fields: invalidNames(res.body) }).toEqual({ name, status, fields: expect.arrayContaining(fields) });
      expect(res.body.type).toBe('about:blank');
    }
    expect(await counts()).toEqual(before);
  });

  it("has care staff register children of their home's own council only, and keeps the police's facts to the police", async () => {
    const children = async () => Number((await db.query('SELECT count(*) FROM child')).rows[0].count);
    const before = { ...(await counts()), children: await children() };
    const zara = { homeId: OAK_HOUSE, givenName: 'Zara', familyName: 'Testchild', dateOfBirth: '2011-04-02', placingCouncil: 'OTHER-COUNCIL',
      hostCouncil: 'DEMO-COUNCIL', placementStart: '2026-11-20', accommodation: 'childrens-home', legalStatus: 's20-voluntary' };
    const elsewhere = await call('POST', '/children', oak, zara);
    expect({ status: elsewhere.status, fields: invalidNames(elsewhere.body) }).toEqual({ status: 403, fields: ['body.placingCouncil'] });
    const graded = await call('PATCH', `/absences/${episodeId}`, oak, { policeGrade: 'low', clothing: 'green parka' });
    expect({ status: graded.status, fields: invalidNames(graded.body) }).toEqual({ status: 403, fields: ['body.policeGrade'] });
    const reclassified = await call('PATCH', `/absences/${episodeId}`, police, { policeGrade: 'high', addCircumstances: ['new-phone'] });
    expect({ status: reclassified.status, fields: invalidNames(reclassified.body) }).toEqual({ status: 403, fields: ['body.addCircumstances'] });
    expect({ ...(await counts()), children: await children() }).toEqual(before);
    expect((await db.query('SELECT police_grade FROM absence WHERE episode_id = $1', [episodeId])).rows[0].police_grade).toBeNull();
    // The allowed cells: care staff registered Zara for their home's own council (above); the police grade is next.
  });

  it('records police reference and grade, then the return once; a second return is refused', async () => {
    expect((await call('PATCH', `/absences/${episodeId}`, police, { policeReference: 'DF/2026/777', policeGrade: 'high' })).status).toBe(200);
    await eventually(() => expect(updated.filter((e) => e.subject === childId).map((e) => (e.data as { policeGrade: string }).policeGrade)).toEqual(['high']));
    const back = { locatedAt: new Date(Date.now() - 60_000).toISOString(), returnedAt: new Date().toISOString(), where: 'Bus station', by: 'PC Smith',
      foundBy: 'police', harmDuringEpisode: false, safeAndWellCheck: { at: new Date().toISOString(), by: 'PC Smith' } };
    expect((await call('POST', `/absences/${episodeId}/return`, oak, back)).status).toBe(200);
    expect((await call('POST', `/absences/${episodeId}/return`, oak, back)).status).toBe(409);
    await eventually(() => expect(returned.filter((e) => e.subject === childId)).toHaveLength(1));
  });

  it('shares the information pack with the police only during an open episode in their force, auditing each read', async () => {
    const pack = { identity: { otherNames: ['Z'] }, physicalDescription: { height: '150 cm' }, associates: [{ name: 'Unknown man', relationship: 'adult of concern', ofConcern: true }] };
    expect((await call('PUT', `/children/${childId}/information-pack`, oak, pack)).status).toBe(200);
    expect((await call('PUT', `/children/${childId}/information-pack/photo`, oak, JPEG, { 'content-type': 'image/jpeg', 'photo-taken-on': '2026-11-01' })).status).toBe(200);
    expect((await call('GET', `/children/${childId}/information-pack`, police)).status).toBe(404); // returned: no open episode
    const open = await call('POST', '/absences', oak, report(childId));
    expect(open.status).toBe(201);
    const read = await call('GET', `/children/${childId}/information-pack`, police);
    expect(read.status).toBe(200);
    expect(read.body.readFor).toBe(open.body.episodeId);
    const other = await call('GET', `/children/${childId}/information-pack`, as('police-liaison-officer', { kind: 'police-force', id: 'OTHER-FORCE' }));
    expect(other.status).toBe(404);
    const photo = await fetch(`${intake.url}/api/v1/children/${childId}/information-pack/photo`, { headers: { authorization: `Bearer ${await police}` } });
    const served = Buffer.from(await photo.arrayBuffer());
    expect([photo.headers.get('content-type'), (await sharp(served).metadata()).exif]).toEqual(['image/jpeg', undefined]); // re-encoded
    const audits = (await db.query(`SELECT action, role, episode_id FROM audit_log WHERE child_id = $1 AND action IN ('pack.read', 'photo.read')`, [childId])).rows;
    expect(audits).toEqual([
      { action: 'pack.read', role: 'police-liaison-officer', episode_id: open.body.episodeId },
      { action: 'photo.read', role: 'police-liaison-officer', episode_id: open.body.episodeId },
    ]);
  });

  it('publishes a report committed while Kafka was unreachable exactly once, after a kill -9 and restart', async () => {
    await intake.stop();
    const down = await new ServiceProcess('intake', intake.port, { ...env, KAFKA_BROKERS: '127.0.0.1:1' }, iso.id, 'live').start();
    const sam = '5e0c1a1e-0000-4000-8000-000000000003'; // demo child at Birch Lodge
    const res = await fetch(`${down.url}/api/v1/absences`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await birch}` }, body: JSON.stringify(report(sam)),
    });
    expect(res.status).toBe(201);
    const { episodeId: committed } = (await res.json()) as { episodeId: string };
    await down.stop('SIGKILL');
    expect(reported.filter((e) => (e.data as { episodeId: string }).episodeId === committed)).toHaveLength(0);
    intake = await new ServiceProcess('intake', intake.port, env, iso.id).start();
    await eventually(() => expect(reported.filter((e) => (e.data as { episodeId: string }).episodeId === committed)).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(reported.filter((e) => (e.data as { episodeId: string }).episodeId === committed)).toHaveLength(1);
  });

  it('never puts a name, description or free text of a child in any event', () => {
    const payloads = [...profiles, ...reported, ...updated, ...returned].map((e) => JSON.stringify(e));
    expect(payloads.length).toBeGreaterThan(5);
    for (const text of PERSONAL) expect({ text, found: payloads.filter((p) => p.includes(text)).length }).toEqual({ text, found: 0 });
  });
});
