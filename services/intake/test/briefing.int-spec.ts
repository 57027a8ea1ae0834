import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  AbsenceUpdated, ChildProfileChangedV2, ChildReturned, collectionYearOf, IntakeHttp, ukClock, type DataOf, type Envelope, type Role, type Scope,
} from '@safeguard/contracts';
import { eventually, TestBed, TestTokens, type ServiceProcess } from '@safeguard/testing';
import { BIRCH_LODGE, DEMO_COUNCIL, DEMO_FORCE, OAK_HOUSE } from '../src/demo-data.js';
import { addDays } from '../src/domain/working-days.js';
import { apiCaller, startSeededIntake } from './harness.js';
import { gpsTaggedJpeg } from './photo-fixtures.js';

const tokens = await TestTokens.create();
const JPEG = await gpsTaggedJpeg();
const TODAY = ukClock(new Date()).day;
const DANIEL = '5e0c1a1e-0000-4000-8000-000000000002'; // demo child at Oak House, referred to the NRM 20 days ago
const JORDAN = '5e0c1a1e-0000-4000-8000-000000000003'; // demo child at Birch Lodge, referred yesterday
// Personal data that must never travel in an event.
const PERSONAL = ['Zara', 'Testchild', 'ICTG duty line', 'an older man at the station', 'green parka', 'Unknown man', 'Yusuf'];

type Json = Record<string, unknown>;

describe('the police briefing, the NRM watch and regulation 40 events, on real PostgreSQL and Kafka', () => {
  let bed: TestBed;
  let intake: ServiceProcess;
  let db: pg.Client;
  let events: Envelope[][];
  let updated: Envelope<DataOf<typeof AbsenceUpdated>>[];
  let returned: Envelope<DataOf<typeof ChildReturned>>[];
  const as = (role: Role, scope: Scope) => tokens.token('intake', { sub: `${role}-user`, role, scope });
  const oak = as('care-staff', { kind: 'home', id: OAK_HOUSE });
  const birch = as('care-staff', { kind: 'home', id: BIRCH_LODGE });
  const police = as('police-liaison-officer', { kind: 'police-force', id: DEMO_FORCE });
  const socialWorker = as('social-worker', { kind: 'council', id: DEMO_COUNCIL });
  const call = apiCaller(() => intake.url);
  const report = (childId: string) => ({
    childId, classification: 'M',
    lastSeen: { at: new Date(Date.now() - 3_600_000).toISOString(), where: 'Corner shop on Elm Street', by: 'Key worker Jo' },
    discoveredAt: new Date(Date.now() - 600_000).toISOString(), circumstances: ['took-belongings'], clothing: 'green parka',
  });
  const briefingReads = async () => (await db.query(`SELECT role, child_id, episode_id FROM audit_log WHERE action = 'briefing.read' ORDER BY at`)).rows;
  const invalidNames = (body: Json) => ((body['invalid-params'] ?? []) as { name: string }[]).map((p) => p.name);
  /** A refusal as the caller sees it, leaving out the path it answers (an unknown id has another path). */
  const refusal = ({ instance: _path, ...body }: Json) => body;

  beforeAll(async () => {
    bed = await TestBed.open('briefing', tokens);
    events = (await Promise.all([ChildProfileChangedV2, AbsenceUpdated, ChildReturned].map((c) => bed.probe.collect(c as never)))) as Envelope[][];
    [, updated, returned] = events as [never, never, never];
    intake = await startSeededIntake(bed);
    db = await bed.client('intake');
  });

  afterAll(async () => {
    await intake?.stop();
    await bed?.close();
  });

  const referred = addDays(TODAY, -3);
  const zara = {
    homeId: OAK_HOUSE, givenName: 'Zara', familyName: 'Testchild', dateOfBirth: '2011-04-02', placingCouncil: DEMO_COUNCIL,
    hostCouncil: DEMO_COUNCIL, placementStart: addDays(TODAY, -30), accommodation: 'childrens-home', legalStatus: 's20-voluntary',
    uasc: true, separated: true, arrivalDate: addDays(TODAY, -60), firstLanguage: 'Tigrinya', essentialMedication: 'inhaler',
    trafficking: { status: 'nrm-referred', referredOn: referred }, ictg: { status: 'referred', referredOn: referred, contact: 'ICTG duty line' },
  };
  let zaraId: string;
  let episodeId: string;

  it("briefs the home's force while the child is missing: Part 1, Part 2 as updated, who to call, audited with the episode", async () => {
    const created = await call('POST', '/children', oak, zara);
    expect(created.status).toBe(201);
    zaraId = created.body.id as string;
    const pack = { identity: { otherNames: ['Z'] }, physicalDescription: { height: '150 cm' }, warningMarkers: ['runs when approached'],
      associates: [{ name: 'Unknown man', relationship: 'adult of concern', phone: '01632 960999', ofConcern: true }] };
    expect((await call('PUT', `/children/${zaraId}/information-pack`, oak, pack)).status).toBe(200);
    expect((await call('PUT', `/children/${zaraId}/information-pack/photo`, oak, JPEG, { 'content-type': 'image/jpeg', 'photo-taken-on': referred })).status).toBe(200);
    const opened = await call('POST', '/absences', oak, report(zaraId));
    expect(opened.status).toBe(201);
    episodeId = opened.body.episodeId as string;
    expect((await call('PATCH', `/absences/${episodeId}`, oak, { mayBeWith: 'an older man at the station', notifiableEvents: ['serious-police-incident'] })).status).toBe(200);

    const read = await call('GET', `/absences/${episodeId}/briefing`, police);
    expect(read.status).toBe(200);
    const b = IntakeHttp.PoliceBriefing.parse(read.body);
    expect(b.part1).toMatchObject({ identity: { otherNames: ['Z'] }, warningMarkers: ['runs when approached'], associates: [{ name: 'Unknown man', phone: '01632 960999' }] });
    expect(b.photo).toEqual({ takenOn: referred });
    expect(b.part2).toMatchObject({
      lastSeen: { where: 'Corner shop on Elm Street', by: 'Key worker Jo' }, circumstances: ['took-belongings'],
      notifiableEvents: ['serious-police-incident'], clothing: 'green parka', mayBeWith: 'an older man at the station',
    });
    expect(Date.parse(b.part2.updatedAt)).toBeGreaterThan(Date.parse(b.episode.reportedAt));
    const age = Number(TODAY.slice(0, 4)) - 2011 - (TODAY.slice(5) < '04-02' ? 1 : 0);
    expect(b.child).toMatchObject({
      childId: zaraId, givenName: 'Zara', age, essentialMedication: 'inhaler', firstLanguage: 'Tigrinya',
      trafficking: { status: 'nrm-referred', referredOn: referred, reasonableGroundsOn: null },
      ictg: { status: 'referred', referredOn: referred, contact: 'ICTG duty line' },
    });
    expect(b.child.trafficking.reasonableGroundsDueOn! > TODAY).toBe(true);
    expect([b.episode.state, b.home, b.readFor]).toEqual(['open', { name: 'Oak House', phone: '01632 960001' }, episodeId]);
    expect(await briefingReads()).toEqual([{ role: 'police-liaison-officer', child_id: zaraId, episode_id: episodeId }]);
  });

  it('answers another force, care staff, the social worker, a manager and an unknown id with the same 404, and audits none', async () => {
    const before = await briefingReads();
    const callers = [
      as('police-liaison-officer', { kind: 'police-force', id: 'OTHER-FORCE' }), oak, socialWorker,
      as('team-manager', { kind: 'council', id: DEMO_COUNCIL }),
    ];
    const answers = [
      ...(await Promise.all(callers.map((c) => call('GET', `/absences/${episodeId}/briefing`, c)))),
      await call('GET', `/absences/${randomUUID()}/briefing`, police),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404]);
    expect(new Set(answers.map((a) => JSON.stringify(refusal(a.body)))).size).toBe(1);
    expect(JSON.stringify(answers)).not.toMatch(/Zara|Oak House|MFC-/);
    expect(await briefingReads()).toEqual(before);
  });

  it('shows those acting for the child what has been recorded (Part 2), audited; the police and another home see nothing', async () => {
    const read = await call('GET', `/absences/${episodeId}`, oak);
    expect(read.status).toBe(200);
    expect(IntakeHttp.AbsenceReport.parse(read.body)).toMatchObject({
      episodeId, state: 'open', classification: 'M',
      part2: { circumstances: ['took-belongings'], notifiableEvents: ['serious-police-incident'], mayBeWith: 'an older man at the station' },
    });
    expect((await call('GET', `/absences/${episodeId}`, socialWorker)).status).toBe(200);
    const refused = await Promise.all([birch, police].map((c) => call('GET', `/absences/${episodeId}`, c)));
    expect(refused.map((r) => r.status)).toEqual([404, 404]);
    expect(JSON.stringify(refused)).not.toMatch(/Corner shop|older man/);
    const reads = (await db.query(`SELECT role FROM audit_log WHERE action = 'report.read' AND episode_id = $1 ORDER BY at`, [episodeId])).rows;
    expect(reads).toEqual([{ role: 'care-staff' }, { role: 'social-worker' }]);
  });

  it('records the return with who found the child, harm and the safe-and-well check; the police are then briefed no more', async () => {
    const first = await call('GET', `/absences/${episodeId}/briefing`, as('police-liaison-officer', { kind: 'police-force', id: 'OTHER-FORCE' }));
    const checkedAt = new Date().toISOString();
    const back = { locatedAt: new Date(Date.now() - 60_000).toISOString(), returnedAt: checkedAt, where: 'Bus station', by: 'PC Smith',
      foundBy: 'police', safeAndWellCheck: { at: checkedAt, by: 'PC Smith' }, harmDuringEpisode: true };
    expect((await call('POST', `/absences/${episodeId}/return`, oak, back)).status).toBe(200);
    const stored = (await db.query('SELECT return_details FROM absence WHERE episode_id = $1', [episodeId])).rows[0].return_details;
    expect(stored).toEqual({ where: 'Bus station', by: 'PC Smith', foundBy: 'police', safeAndWellCheck: { at: checkedAt, by: 'PC Smith' }, harmDuringEpisode: true });
    await eventually(() => expect(returned.filter((e) => e.data.episodeId === episodeId).map((e) => e.data)).toEqual([
      expect.objectContaining({ foundBy: 'police', safeAndWellCheckAt: checkedAt, harmDuringEpisode: true }),
    ]));
    const before = await briefingReads();
    const after = await call('GET', `/absences/${episodeId}/briefing`, police);
    expect([after.status, refusal(after.body)]).toEqual([404, refusal(first.body)]);
    expect(await briefingReads()).toEqual(before);
  });

  it('briefs the next episode with the earlier one as recorded at its return: where found, by whom, who with, harm', async () => {
    const again = await call('POST', '/absences', oak, report(zaraId));
    expect(again.status).toBe(201);
    const b = IntakeHttp.PoliceBriefing.parse((await call('GET', `/absences/${again.body.episodeId}/briefing`, police)).body);
    expect(b.recordedEpisodes).toEqual([expect.objectContaining({
      foundWhere: 'Bus station', foundBy: 'police', mayHaveBeenWith: 'an older man at the station', harmDuringEpisode: true,
    })]);
    const now = new Date().toISOString();
    expect((await call('POST', `/absences/${again.body.episodeId}/return`, oak,
      { locatedAt: now, returnedAt: now, where: 'Home', by: 'Carer', foundBy: 'returned-alone', harmDuringEpisode: false })).status).toBe(200);
  });

  it("briefs a child with no Part 1 with Part 2 and the home's phone; supported accommodation is a placement", async () => {
    const yusuf = await call('POST', '/children', birch, {
      ...zara, homeId: BIRCH_LODGE, givenName: 'Yusuf', dateOfBirth: addDays(TODAY, -(16 * 365 + 100)), accommodation: 'supported-accommodation',
      trafficking: { status: 'suspected' }, ictg: { status: 'not-referred' },
    });
    expect([yusuf.status, yusuf.body.accommodation]).toEqual([201, 'supported-accommodation']);
    const opened = await call('POST', '/absences', birch, report(yusuf.body.id as string));
    const b = IntakeHttp.PoliceBriefing.parse((await call('GET', `/absences/${opened.body.episodeId}/briefing`, police)).body);
    expect([b.part1, b.photo, b.home, b.part2.clothing, b.child.accommodation]).toEqual([
      null, null, { name: 'Birch Lodge', phone: '01632 960002' }, 'green parka', 'supported-accommodation',
    ]);
    expect(b.child.trafficking.reasonableGroundsDueOn).toBeNull();
  });

  it('names each wrong NRM or ICTG field and writes nothing; a child stored as referred without a date can still be changed', async () => {
    const snapshot = async () => (await db.query('SELECT * FROM child ORDER BY id')).rows;
    const before = await snapshot();
    const cases: [string, string, Json, string[]][] = [
      ['future and before birth', 'POST', { ...zara, trafficking: { status: 'nrm-referred', referredOn: addDays(TODAY, 1) }, ictg: { status: 'allocated', referredOn: '2011-01-01' } },
        ['body.trafficking.referredOn', 'body.ictg.referredOn']],
      ['out of order', 'POST', { ...zara, trafficking: { status: 'conclusive-grounds', referredOn: referred, reasonableGroundsOn: addDays(referred, -1), conclusiveGroundsOn: addDays(referred, -2) } },
        ['body.trafficking.reasonableGroundsOn', 'body.trafficking.conclusiveGroundsOn']],
      ['decision without its status', 'POST', { ...zara, trafficking: { status: 'nrm-referred', referredOn: referred, reasonableGroundsOn: TODAY } },
        ['body.trafficking.reasonableGroundsOn']],
      ['referred without a date', 'POST', { ...zara, trafficking: { status: 'reasonable-grounds' }, ictg: { status: 'referred' } },
        ['body.trafficking.referredOn', 'body.ictg.referredOn']],
      ['unknown ICTG status', 'POST', { ...zara, ictg: { status: 'maybe' } }, ['body.ictg.status']],
      ['a patch out of order', 'PATCH', { trafficking: { status: 'conclusive-grounds', referredOn: referred, conclusiveGroundsOn: addDays(referred, -1) } },
        ['body.trafficking.conclusiveGroundsOn']],
      ['a patch dropping the referral date', 'PATCH', { trafficking: { status: 'nrm-referred' } }, ['body.trafficking.referredOn']],
    ];
    for (const [name, method, body, fields] of cases) {
      const res = await call(method, method === 'POST' ? '/children' : `/children/${zaraId}`, oak, body);
      expect({ name, status: res.status, fields: invalidNames(res.body).sort() }).toEqual({ name, status: 400, fields: [...fields].sort() });
    }
    expect(await snapshot()).toEqual(before);
    // Daniel, as if stored before referral dates were kept: other changes, and the decision, are taken without one.
    await db.query('UPDATE child SET nrm_referred_on = NULL WHERE id = $1', [DANIEL]);
    expect((await call('PATCH', `/children/${DANIEL}`, oak, { medicalNeeds: 'hay fever' })).status).toBe(200);
    expect((await call('PATCH', `/children/${DANIEL}`, oak, { trafficking: { status: 'nrm-referred', referredOn: addDays(TODAY, -20) } })).status).toBe(200);
  });

  it('records regulation 40 events once each and publishes only the new ones; the police cannot record them', async () => {
    const opened = await call('POST', '/absences', oak, report(DANIEL));
    expect(opened.status).toBe(201);
    const daniel = opened.body.episodeId as string;
    const patch = (token: Promise<string>, notifiableEvents: string[]) => call('PATCH', `/absences/${daniel}`, token, { notifiableEvents });
    expect((await patch(oak, ['sexual-exploitation-suspected', 'sexual-exploitation-suspected'])).status).toBe(200);
    expect((await patch(oak, ['serious-police-incident', 'sexual-exploitation-suspected'])).status).toBe(200);
    const byPolice = await patch(police, ['serious-police-incident']);
    expect({ status: byPolice.status, fields: invalidNames(byPolice.body) }).toEqual({ status: 403, fields: ['body.notifiableEvents'] });
    await eventually(() => expect(updated.filter((e) => e.data.episodeId === daniel).map((e) => e.data.notifiableEvents)).toEqual([
      ['sexual-exploitation-suspected'], ['serious-police-incident'],
    ]));
    expect((await db.query('SELECT notifiable_events FROM absence WHERE episode_id = $1', [daniel])).rows[0].notifiable_events)
      .toEqual(['sexual-exploitation-suspected', 'serious-police-incident']);
  });

  it('watches the council\'s referrals for the Reasonable Grounds decision, soonest due first, with who is missing now', async () => {
    const res = await call('GET', `/insight/nrm-watch?council=${DEMO_COUNCIL}`, socialWorker);
    expect(res.status).toBe(200);
    const watch = IntakeHttp.NrmWatch.parse(res.body);
    // Soonest due first (Zara, referred 3 days ago, and Jordan, yesterday, may fall due the same day).
    expect(watch.children[0]!.childId).toBe(DANIEL);
    expect(watch.children.map((c) => c.childId).sort()).toEqual([DANIEL, JORDAN, zaraId].sort());
    const due = watch.children.map((c) => c.reasonableGroundsDueOn);
    expect(due).toEqual([...due].sort());
    const of = (id: string) => watch.children.find((c) => c.childId === id);
    const [daniel, zaraRow, jordan] = [of(DANIEL), of(zaraId), of(JORDAN)];
    // Daniel was referred 20 days ago and reported missing in the test before.
    expect(daniel).toMatchObject({ referredOn: addDays(TODAY, -20), overdue: true, missingNow: true });
    expect(daniel!.workingDaysOverdue).toBeGreaterThanOrEqual(5);
    expect(zaraRow).toMatchObject({ overdue: false, workingDaysOverdue: 0, missingNow: false }); // returned
    expect(jordan).toMatchObject({ overdue: false, workingDaysOverdue: 0, missingNow: false });
    expect(jordan!.reasonableGroundsDueOn! > TODAY).toBe(true);
    const audited = (await db.query(`SELECT child_id FROM audit_log WHERE action = 'insight.nrm-watch'`)).rows.map((r) => r.child_id).sort();
    expect(audited).toEqual([DANIEL, JORDAN, zaraId].sort());
    // Jordan, as if referred before referral dates were kept: still waiting, listed first, with no due day.
    const [{ nrm_referred_on: jordanReferred }] = (await db.query('SELECT nrm_referred_on::text FROM child WHERE id = $1', [JORDAN])).rows;
    await db.query('UPDATE child SET nrm_referred_on = NULL WHERE id = $1', [JORDAN]);
    const undated = IntakeHttp.NrmWatch.parse((await call('GET', `/insight/nrm-watch?council=${DEMO_COUNCIL}`, socialWorker)).body);
    expect(undated.children.map((c) => c.childId)).toEqual([JORDAN, ...watch.children.map((c) => c.childId).filter((id) => id !== JORDAN)]);
    expect(undated.children[0]).toMatchObject({ referredOn: null, reasonableGroundsDueOn: null, overdue: false, workingDaysOverdue: 0 });
    await db.query('UPDATE child SET nrm_referred_on = $2 WHERE id = $1', [JORDAN, jordanReferred]);
    for (const [token, status] of [[as('nrm-first-responder', { kind: 'council', id: DEMO_COUNCIL }), 200], [as('director', { kind: 'council', id: DEMO_COUNCIL }), 200]] as const) {
      expect((await call('GET', `/insight/nrm-watch?council=${DEMO_COUNCIL}`, token)).status).toBe(status);
    }
    for (const token of [oak, police, as('social-worker', { kind: 'council', id: 'OTHER-COUNCIL' }), as('iro', { kind: 'council', id: DEMO_COUNCIL })]) {
      const refused = await call('GET', `/insight/nrm-watch?council=${DEMO_COUNCIL}`, token);
      expect({ status: refused.status, fields: invalidNames(refused.body) }).toEqual({ status: 403, fields: ['query.council'] });
    }
    // The statutory return does not trip over supported accommodation.
    const manager = as('team-manager', { kind: 'council', id: DEMO_COUNCIL });
    expect((await call('GET', `/insight/ssda903-episodes?council=${DEMO_COUNCIL}&year=${collectionYearOf(TODAY)}`, manager)).status).toBe(200);
  });

  it("names a home and its phone for its staff, its council and its force's police, and hides it from everyone else", async () => {
    for (const token of [oak, socialWorker, police]) {
      const res = await call('GET', `/homes/${OAK_HOUSE}`, token);
      expect(IntakeHttp.Home.parse(res.body)).toEqual({ id: OAK_HOUSE, name: 'Oak House', council: DEMO_COUNCIL, policeForce: DEMO_FORCE, phone: '01632 960001',
        councilName: 'Demo Council', policeForceName: 'Demo Constabulary' });
    }
    const hidden = await Promise.all([
      call('GET', `/homes/${OAK_HOUSE}`, birch), call('GET', `/homes/${OAK_HOUSE}`, as('social-worker', { kind: 'council', id: 'OTHER-COUNCIL' })),
      call('GET', `/homes/${OAK_HOUSE}`, as('control-room-inspector', { kind: 'police-force', id: 'OTHER-FORCE' })), call('GET', `/homes/${randomUUID()}`, oak),
    ]);
    expect(hidden.map((h) => h.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(hidden.map((h) => JSON.stringify(refusal(h.body)))).size).toBe(1);
  });

  it("lets the home's duty manager change its number, naming a wrong one; care staff are refused and another home's manager sees nothing", async () => {
    const duty = as('home-duty-manager', { kind: 'home', id: BIRCH_LODGE });
    const bad = await call('PATCH', `/homes/${BIRCH_LODGE}`, duty, { phone: 'call the office' });
    expect([bad.status, invalidNames(bad.body)]).toEqual([400, ['body.phone']]);
    expect((await call('PATCH', `/homes/${BIRCH_LODGE}`, birch, { phone: '01632 960777' })).status).toBe(403);
    expect((await call('PATCH', `/homes/${BIRCH_LODGE}`, as('home-duty-manager', { kind: 'home', id: OAK_HOUSE }), { phone: '01632 960777' })).status).toBe(404);
    const changed = await call('PATCH', `/homes/${BIRCH_LODGE}`, duty, { phone: '01632 960777' });
    expect([changed.status, changed.body.phone]).toEqual([200, '01632 960777']);
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'home.update'`)).rows[0].n).toBe(1);
    await call('PATCH', `/homes/${BIRCH_LODGE}`, duty, { phone: '01632 960002' }); // as the demo has it
  });

  it('never puts a name, a contact or a Part 2 fact in any event', () => {
    const payloads = events.flat().map((e) => JSON.stringify(e));
    expect(payloads.length).toBeGreaterThan(5);
    for (const text of PERSONAL) expect({ text, found: payloads.filter((p) => p.includes(text)).length }).toEqual({ text, found: 0 });
  });
});
