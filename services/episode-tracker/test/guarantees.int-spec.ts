/**
 * Each escalation guarantee (docs/guarantees.md) once more on real PostgreSQL, Redis and Kafka: the tracker and the
 * notifier run as processes, a real SMTP server takes the mail, risk-scoring is not running at all (G1), and events
 * from intake and risk-scoring are published to the broker as those services would. Fast policy: seconds for hours.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AbsenceReported, AbsenceUpdated, AlertRequested, ChildProfileChanged, ChildReturned, EpisodeAssessed,
  type DataOf, type Envelope, type Role, type Scope, type TraffickingStatus,
} from '@safeguard/contracts';
import { dropDatabase, ensureTopics } from '@safeguard/platform';
import {
  eventually, fastPolicyFile, freePort, isolation, KafkaProbe, ServiceProcess, serviceEnv, SmtpSink, TEST_PARTITIONS, testInfrastructure, TestTokens,
  type Infrastructure,
} from '@safeguard/testing';
import pg from 'pg';

const tokens = await TestTokens.create();
const COUNCIL = 'DEMO-COUNCIL';
const FORCE = 'DEMO-FORCE';
const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const run = promisify(execFile);

type Alert = Envelope<DataOf<typeof AlertRequested>>;
interface Child { trafficking?: TraffickingStatus; uasc?: boolean; hostCouncil?: string; dateOfBirth?: string }

describe('escalation guarantees on real PostgreSQL, Redis, Kafka and SMTP (fast policy)', () => {
  const iso = isolation('guarantees');
  let infra: Infrastructure;
  let probe: KafkaProbe;
  let sink: SmtpSink;
  let tracker: ServiceProcess;
  let notifier: ServiceProcess;
  let alerts: Alert[];
  let trackerDb: pg.Client;
  let notifierDb: pg.Client;

  const token = (role: Role, scope: Scope) => tokens.token('episode-tracker', { sub: `${role}-1`, role, scope });
  const council = (role: Role, id = COUNCIL) => token(role, { kind: 'council', id });
  const api = async (path: string, as: string | Promise<string>, init: RequestInit = {}) => {
    const res = await fetch(`${tracker.url}/api/v1${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${await as}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const alertsFor = (episodeId: string, f: (a: Alert['data']) => boolean = () => true) => alerts.filter((a) => a.data.episodeId === episodeId && f(a.data));
  const role = (r: Role) => (a: Alert['data']) => a.audience.role === r;

  let profileVersion = 0;
  /** Registers (or changes) a child's profile, as intake publishes it. */
  const profile = async (childId: string, c: Child = {}) => {
    await probe.publish(ChildProfileChanged, childId, {
      childId, profileVersion: ++profileVersion, homeId: OAK_HOUSE, placingCouncil: COUNCIL, hostCouncil: c.hostCouncil ?? COUNCIL, policeForce: FORCE,
      dateOfBirth: c.dateOfBirth ?? '2010-03-01', ageAssessment: 'not-required', placementStart: '2026-01-10', accommodation: 'childrens-home',
      trafficking: { status: c.trafficking ?? 'none' }, uasc: c.uasc ?? false, separated: false, concerns: [], changedAt: new Date().toISOString(),
    });
    // The two topics are not ordered with each other; a report that overtakes its profile opens on ladder T (G1).
    const version = profileVersion;
    await until(async () => expect((await trackerDb.query('SELECT 1 FROM child_profile WHERE child_id = $1 AND profile_version = $2', [childId, version])).rowCount).toBe(1));
    return version;
  };
  /** Reports a child missing, as intake does; returns the episode id and when the report was sent. */
  const report = async (childId: string, version: number, classification: 'M' | 'A' = 'M') => {
    const episodeId = randomUUID();
    const now = new Date();
    await probe.publish(AbsenceReported, childId, {
      episodeId, episodeReference: `MFC-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`, childId, homeId: OAK_HOUSE,
      placingCouncil: COUNCIL, policeForce: FORCE, classification, lastSeenAt: now.toISOString(), discoveredAt: now.toISOString(),
      reportedAt: now.toISOString(), circumstances: [], childProfileVersion: version,
    });
    return { episodeId, sentAt: Date.now() };
  };
  const assess = (childId: string, episodeId: string, level: 'low' | 'medium' | 'high', overrides: DataOf<typeof EpisodeAssessed>['overrides'] = []) =>
    probe.publish(EpisodeAssessed, childId, {
      assessmentId: randomUUID(), episodeId, childId, level, score: 10, factors: [], overrides, rulesetVersion: 'v1', trigger: 'reported',
      inputEventIds: [], assessedAt: new Date().toISOString(),
    });
  const episode = async (episodeId: string) => (await api(`/episodes/${episodeId}`, council('team-manager'))).body as Record<string, unknown> & {
    ladder: string; level: string; state: string; provisional: boolean; tasks: { kind: string; id: string; state: string }[];
    timeline: { what: string; at: string }[]; alerts: { id: string; role: string; ask: string; purpose: string }[];
  };
  const until = <T>(check: () => T | Promise<T>, timeoutMs = 10_000) => eventually(check, { timeoutMs, intervalMs: 20 });
  /** Waits until an episode's alerts matching `f` pass `check` (by default: there is one), and returns them. */
  const awaitAlerts = (episodeId: string, f: (a: Alert['data']) => boolean, check: (found: Alert[]) => void = (found) => expect(found).toHaveLength(1),
    timeoutMs = 10_000) => until(() => {
    const found = alertsFor(episodeId, f);
    check(found);
    return found;
  }, timeoutMs);

  beforeAll(async () => {
    infra = await testInfrastructure();
    await ensureTopics(infra.kafkaBrokers, iso.topicPrefix, TEST_PARTITIONS);
    probe = new KafkaProbe(infra.kafkaBrokers, iso.topicPrefix);
    alerts = await probe.collect(AlertRequested);
    sink = await new SmtpSink().start();
    const notifierPort = await freePort();
    const notifierEnv = {
      ...serviceEnv(iso, infra, 'notifier', tokens), SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), MAIL_FROM: 'Safeguard <alerts@safeguard.example>',
      PUBLIC_URL: `http://127.0.0.1:${notifierPort}`, ACK_LINK_SECRET: 'guarantees-ack-link-secret-at-least-32-characters',
    };
    await run(process.execPath, ['services/notifier/dist/seed.js'], { env: { ...process.env, ...notifierEnv } });
    notifier = await new ServiceProcess('notifier', notifierPort, notifierEnv, iso.id).start();
    tracker = await new ServiceProcess('episode-tracker', await freePort(), {
      ...serviceEnv(iso, infra, 'episodes', tokens), TIMER_RECONCILE_MS: '300', ESCALATION_POLICY_FILES: fastPolicyFile(),
    }, iso.id).start();
    trackerDb = new pg.Client({ connectionString: iso.database(infra.postgresUrl, 'episodes') });
    notifierDb = new pg.Client({ connectionString: iso.database(infra.postgresUrl, 'notifier') });
    await Promise.all([trackerDb.connect(), notifierDb.connect()]);
  });

  afterAll(async () => {
    await Promise.all([trackerDb?.end(), notifierDb?.end()]);
    await Promise.all([tracker?.stop(), notifier?.stop()]);
    await probe?.close();
    await sink?.stop();
    for (const db of ['episodes', 'notifier']) await dropDatabase(iso.database(infra.postgresUrl, db)).catch(() => undefined);
    await infra?.stop();
  });

  it('G1: a report alerts the first rung within 5 s with risk-scoring not running; unknown profile → ladder T, high; scoring never lowers it', async () => {
    const child = randomUUID();
    const { episodeId, sentAt } = await report(child, 1); // no profile ever published: unknown
    const first = await awaitAlerts(episodeId, (a) => a.rung === 0,
      (found) => expect(found.map((a) => a.data.audience.role).sort()).toEqual(['home-duty-manager', 'on-call-manager']));
    const latency = Math.max(...first.map((a) => Date.parse(a.data.requestedAt))) - sentAt;
    expect(latency).toBeLessThan(5_000);
    expect(await episode(episodeId)).toMatchObject({ ladder: 'T', level: 'high', provisional: true });
    await assess(child, episodeId, 'low');
    await until(async () => expect(await episode(episodeId)).toMatchObject({ ladder: 'T', level: 'high', provisional: false }));
  });

  it('G2: silence goes up the chain — re-sent, then the control-room inspector, then the duty superintendent, then the chase until someone acknowledges', async () => {
    const child = randomUUID();
    const { episodeId } = await report(child, await profile(child, { trafficking: 'suspected' }));
    await until(() => expect(alertsFor(episodeId, role('duty-superintendent')).length).toBeGreaterThan(0), 20_000);
    const police = alertsFor(episodeId, (a) => a.audience.scope.kind === 'police-force').map((a) => `${a.data.audience.role}#${a.data.attempt}:${a.data.ask}`);
    expect(police.slice(0, 4)).toEqual(['police-liaison-officer#1:acknowledge', 'police-liaison-officer#2:acknowledge',
      'control-room-inspector#1:escalation', 'control-room-inspector#2:escalation']);
    // Past the top: the superintendent and the out-of-hours team, every 2 s here, until one acknowledges.
    const chased = await awaitAlerts(episodeId, (a) => a.escalatedFrom === 'control-room-inspector' && a.audience.role === 'out-of-hours-team',
      (found) => expect(found.length).toBeGreaterThanOrEqual(2), 20_000);
    const ack = await api(`/alerts/${chased.at(-1)!.data.alertId}/acknowledge`, council('out-of-hours-team'), { method: 'POST', body: '{}' });
    expect(ack.status).toBe(200);
    const settled = alertsFor(episodeId, (a) => a.escalatedFrom === 'control-room-inspector').length;
    await new Promise((r) => setTimeout(r, 4_500));
    expect(alertsFor(episodeId, (a) => a.escalatedFrom === 'control-room-inspector')).toHaveLength(settled);
  });

  it('G3: while the child is missing a future step is always booked; on return none is', async () => {
    const child = randomUUID();
    const { episodeId } = await report(child, await profile(child));
    const pendingSteps = async () => (await trackerDb.query(
      `SELECT count(*)::int AS n FROM timer WHERE id LIKE $1 AND state = 'pending' AND due_at > now()`, [`rung:${episodeId}:%`])).rows[0].n as number;
    await until(async () => expect(await pendingSteps()).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 5_000)); // the 4 s step has fired: the weekly review is still booked
    expect(await pendingSteps()).toBeGreaterThan(0);
    await probe.publish(ChildReturned, child, { episodeId, childId: child, locatedAt: new Date().toISOString(), returnedAt: new Date().toISOString(),
      foundBy: 'carer', harmDuringEpisode: false });
    await until(async () => expect(await pendingSteps()).toBe(0));
  });

  it('G4: a profile change to trafficked re-plans within 5 s: ladder T, high, and every step now due for each audience not yet alerted', async () => {
    const child = randomUUID();
    const { episodeId } = await report(child, await profile(child));
    await until(() => expect(alertsFor(episodeId, role('social-worker'))).toHaveLength(1)); // S-low
    await new Promise((r) => setTimeout(r, 500));
    const changedAt = Date.now();
    await profile(child, { trafficking: 'suspected' });
    const raised = await awaitAlerts(episodeId, (a) => ['home-duty-manager', 'on-call-manager', 'assistant-director'].includes(a.audience.role) && a.attempt === 1,
      (found) => expect(found.map((a) => a.data.audience.role).sort()).toEqual(['assistant-director', 'home-duty-manager', 'on-call-manager']));
    expect(Math.max(...raised.map((a) => Date.parse(a.data.requestedAt))) - changedAt).toBeLessThan(5_000);
    expect(await episode(episodeId)).toMatchObject({ ladder: 'T', level: 'high' });
  });

  it('G5: a missed deadline alerts the roles named, saying what was missed; no strategy meeting by "24 h" tells the Director', async () => {
    const child = randomUUID();
    const { episodeId } = await report(child, await profile(child, { uasc: true }));
    const [director] = await awaitAlerts(episodeId, (a) => a.audience.role === 'director' && a.ask === 'deadline-missed',
      (found) => expect(found.length).toBeGreaterThan(0), 15_000);
    expect(director!.data.missed).toBe('strategy-meeting');
    const email = await until(() => {
      const [mail] = sink.to('dee.director@demo-council.example');
      expect(mail).toBeDefined();
      return mail!;
    });
    expect(email.text).toContain('No strategy meeting has been held by its deadline.');
    // The return interview (3 s here) lapses: the team manager and the service manager are told what was missed.
    await probe.publish(ChildReturned, child, { episodeId, childId: child, locatedAt: new Date().toISOString(), returnedAt: new Date().toISOString(),
      foundBy: 'police', safeAndWellCheckAt: new Date().toISOString(), harmDuringEpisode: false });
    await until(() => expect(alertsFor(episodeId, (a) => a.missed === 'return-home-interview').map((a) => a.data.audience.role).sort())
      .toEqual(['service-manager', 'team-manager']), 15_000);
  });

  it('G6: after a return no ladder alert; each person alerted hears the child is found, even after the role changed hands; return tasks open', async () => {
    const child = randomUUID();
    const { episodeId } = await report(child, await profile(child, { trafficking: 'nrm-referred' }));
    const [duty] = await awaitAlerts(episodeId, role('home-duty-manager'));
    await api(`/alerts/${duty!.data.alertId}/acknowledge`, token('home-duty-manager', { kind: 'home', id: OAK_HOUSE }), { method: 'POST', body: '{}' });
    const mailsTo = (address: string) => sink.to(address);
    await until(() => expect(mailsTo('priya.duty@demo-council.example').length).toBeGreaterThan(0));
    // The home's duty manager hands over: Nia is on shift now, Priya is not.
    const nia = randomUUID();
    await notifierDb.query(`INSERT INTO person (id, name, email, role, scope_kind, scope_id, active, default_holder)
      VALUES ($1, 'Nia Duty', 'nia.duty@demo-council.example', 'home-duty-manager', 'home', $2, true, false)`, [nia, OAK_HOUSE]);
    await notifierDb.query(`INSERT INTO rota_shift (id, person_id, role, scope_kind, scope_id, starts_at, ends_at)
      VALUES ($1, $2, 'home-duty-manager', 'home', $3, now() - interval '1 hour', now() + interval '1 hour')`, [randomUUID(), nia, OAK_HOUSE]);
    const before = mailsTo('priya.duty@demo-council.example').length;
    await probe.publish(ChildReturned, child, { episodeId, childId: child, locatedAt: new Date().toISOString(), returnedAt: new Date().toISOString(),
      foundBy: 'police', harmDuringEpisode: false });
    await until(() => expect(alertsFor(episodeId, (a) => a.ask === 'child-found' && a.to === 'everyone-alerted')).toHaveLength(1));
    await until(() => expect(mailsTo('priya.duty@demo-council.example').length).toBeGreaterThan(before));
    expect(mailsTo('nia.duty@demo-council.example')).toHaveLength(0);
    expect(alertsFor(episodeId, (a) => a.ask === 'child-found' && !a.to).map((a) => a.data.audience.role).sort()).toEqual(['ictg-service', 'nrm-first-responder']);
    const { tasks } = await episode(episodeId);
    expect(tasks.map((t) => t.kind)).toEqual(expect.arrayContaining(
      ['inform-ictg-and-nrm', 'return-home-interview', 'safe-and-well-check', 'update-information-pack', 'update-risk-assessment']));
    const ladderAlerts = () => alertsFor(episodeId, (a) => a.ask !== 'child-found' && a.ask !== 'deadline-missed' && !a.missed).length;
    const steps = ladderAlerts();
    await new Promise((r) => setTimeout(r, 4_000));
    expect(ladderAlerts()).toBe(steps);
  });

  it('G7: an A episode is asked for an A→M review; A→M re-plans it at once as missing', async () => {
    const child = randomUUID();
    const { episodeId } = await report(child, await profile(child), 'A');
    await assess(child, episodeId, 'medium');
    const [review] = await awaitAlerts(episodeId, role('team-manager'), (found) => expect(found.length).toBeGreaterThan(0));
    expect(review!.data.ask).toBe('a-to-m-review');
    expect(alertsFor(episodeId, role('home-duty-manager'))).toHaveLength(0);
    await probe.publish(AbsenceUpdated, child, { episodeId, childId: child, classification: 'M', addedCircumstances: [], updatedAt: new Date().toISOString() });
    await until(() => expect(alertsFor(episodeId, role('home-duty-manager'))).toHaveLength(1));
    expect(await episode(episodeId)).toMatchObject({ ladder: 'S-medium', classification: 'M' });
  });

  it('G8: an NRM referral task only for a child with no referral; S-high for a high-risk child neither trafficked nor UASC', async () => {
    const referred = randomUUID();
    const notYet = randomUUID();
    const a = await report(referred, await profile(referred, { trafficking: 'reasonable-grounds' }));
    const b = await report(notYet, await profile(notYet, { trafficking: 'suspected' }));
    await until(async () => {
      // Referred already: no referral task, but the competent authority is to be told the child is missing.
      expect((await episode(a.episodeId)).tasks.map((t) => t.kind).sort()).toEqual(['strategy-meeting', 'tell-competent-authority']);
      expect((await episode(b.episodeId)).tasks.map((t) => t.kind).sort()).toEqual(['nrm-referral', 'strategy-meeting']);
    }, 15_000);
    const high = randomUUID();
    const c = await report(high, await profile(high));
    await assess(high, c.episodeId, 'high');
    await until(async () => expect(await episode(c.episodeId)).toMatchObject({ ladder: 'S-high', level: 'high' }));
  });

  it('G9: placed out of area, the host council\'s out-of-hours team gets the first alert and its roles see the episode', async () => {
    const child = randomUUID();
    const { episodeId } = await report(child, await profile(child, { hostCouncil: 'HOST-COUNCIL' }));
    await until(() => expect(alertsFor(episodeId, (a) => a.rung === 0 && a.audience.scope.id === 'HOST-COUNCIL').map((a) => a.data.audience.role))
      .toEqual(['out-of-hours-team']));
    await until(() => expect(sink.to('hal.host@demo-council.example').length).toBeGreaterThan(0));
    const host = await api('/episodes?state=open', council('out-of-hours-team', 'HOST-COUNCIL'));
    expect((host.body.episodes as { id: string }[]).map((e) => e.id)).toContain(episodeId);
    const other = await api('/episodes?state=open', council('out-of-hours-team', 'OTHER-COUNCIL'));
    expect(other.body.episodes).toEqual([]);
  });

  it('refuses bad acknowledgements with a 4xx naming why, writing nothing; the timeline reads in the order things happened', async () => {
    const child = randomUUID();
    const { episodeId } = await report(child, await profile(child, { trafficking: 'suspected' }));
    const [duty] = await awaitAlerts(episodeId, role('home-duty-manager'));
    const timeline = async () => (await episode(episodeId)).timeline;
    const before = (await timeline()).length;
    const ack = (alertId: string, as: string | Promise<string>) => api(`/alerts/${alertId}/acknowledge`, as, { method: 'POST', body: '{}' });
    expect(await ack(randomUUID(), council('on-call-manager'))).toMatchObject({ status: 404 });
    expect(await ack(duty!.data.alertId, council('on-call-manager', 'OTHER-COUNCIL'))).toMatchObject({ status: 404 }); // not even shown to exist
    expect(await ack(duty!.data.alertId, token('care-staff', { kind: 'home', id: OAK_HOUSE }))).toMatchObject({ status: 403, body: { reason: 'not-your-alert' } });
    expect(await ack(duty!.data.alertId, council('on-call-manager'))).toMatchObject({ status: 403, body: { reason: 'not-your-alert' } });
    expect((await timeline()).length).toBe(before);
    const home = token('home-duty-manager', { kind: 'home', id: OAK_HOUSE });
    expect(await ack(duty!.data.alertId, home)).toMatchObject({ status: 200, body: { acknowledged: true, alreadyAcknowledged: false } });
    expect(await ack(duty!.data.alertId, home)).toMatchObject({ status: 200, body: { alreadyAcknowledged: true } });
    // Entries written in one instant read back in the order they happened.
    const what = (await timeline()).map((t) => t.what);
    expect(what[0]).toBe('opened');
    expect(what.indexOf('opened')).toBeLessThan(what.indexOf('alerted'));
    // Return and complete every follow-up: the episode closes and refuses further acknowledgements with 409.
    await probe.publish(ChildReturned, child, { episodeId, childId: child, locatedAt: new Date().toISOString(), returnedAt: new Date().toISOString(),
      foundBy: 'police', safeAndWellCheckAt: new Date().toISOString(), harmDuringEpisode: false });
    await until(async () => expect((await episode(episodeId)).state).toBe('returned'));
    for (const t of (await episode(episodeId)).tasks.filter((x) => x.state === 'open')) {
      const as = council(t.kind.endsWith('meeting') ? 'team-manager' : 'social-worker'); // each task by a role that records it
      expect((await api(`/tasks/${t.id}`, as, { method: 'PATCH', body: JSON.stringify({ outcome: 'done' }) })).status).toBe(200);
    }
    expect((await episode(episodeId)).state).toBe('closed');
    const late = alertsFor(episodeId, role('on-call-manager'))[0]!;
    expect(await ack(late.data.alertId, council('on-call-manager'))).toMatchObject({ status: 409, body: { reason: 'episode-closed' } });
  });
});
