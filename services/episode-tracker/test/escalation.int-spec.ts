import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  AbsenceReported, AlertRequested, ChildReturned, EpisodeAssessed, type DataOf, type Envelope, type Role, type Scope,
} from '@safeguard/contracts';
import {
  eventually, fastEscalationPolicy, fastPolicyFile, freePort, ServiceProcess, TestBed, TestTokens, type KafkaProbe,
} from '@safeguard/testing';
import { Redis } from 'ioredis';

const tokens = await TestTokens.create();
const HOME = randomUUID();
const COUNCIL = 'FAST-COUNCIL';
const FORCE = 'FAST-FORCE';

const FAST_POLICY = fastEscalationPolicy();

type Alert = Envelope<DataOf<typeof AlertRequested>>;

describe('episode-tracker escalation on real PostgreSQL, Redis and Kafka (fast policy)', () => {
  let bed: TestBed;
  let probe: KafkaProbe;
  let tracker: ServiceProcess;
  let alerts: Alert[];
  const token = (role: Role, scope: Scope) => tokens.token('episode-tracker', { sub: `${role}-1`, role, scope });
  const manager = () => token('team-manager', { kind: 'council', id: COUNCIL });
  const api = async (path: string, init: RequestInit & { as?: string | Promise<string> } = {}) => {
    const res = await fetch(`${tracker.url}/api/v1${path}`, {
      ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${await (init.as ?? manager())}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const alertsFor = (episodeId: string, role?: string) =>
    alerts.filter((a) => a.data.episodeId === episodeId && (!role || a.data.audience.role === role));

  /** Reports a trafficked child missing and assesses it high, as intake and risk-scoring would. */
  const reportTrafficked = async (childId: string, discoveredAt = new Date(), assessmentFirst = false) => {
    const episodeId = randomUUID();
    const assess = () => probe.publish(EpisodeAssessed, childId, {
      assessmentId: randomUUID(), episodeId, childId, level: 'high', score: 35, factors: [{ code: 'placement-under-7-days', points: 15 }],
      overrides: ['trafficking-suspected-or-above'], rulesetVersion: 'v1', trigger: 'reported', inputEventIds: [], assessedAt: new Date().toISOString(),
    });
    if (assessmentFirst) {
      await assess();
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await probe.publish(AbsenceReported, childId, {
      episodeId, episodeReference: `MFC-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`, childId, homeId: HOME,
      placingCouncil: COUNCIL, policeForce: FORCE, classification: 'M', lastSeenAt: discoveredAt.toISOString(),
      discoveredAt: discoveredAt.toISOString(), reportedAt: new Date().toISOString(), circumstances: [], childProfileVersion: 1,
    });
    if (!assessmentFirst) await assess();
    return episodeId;
  };

  beforeAll(async () => {
    bed = await TestBed.open('tracker', tokens);
    probe = bed.probe;
    alerts = await probe.collect(AlertRequested);
    tracker = new ServiceProcess('episode-tracker', await freePort(), {
      ...bed.env('episodes'), TIMER_RECONCILE_MS: '300', ESCALATION_POLICY_FILES: fastPolicyFile(),
    }, bed.iso.id);
    await tracker.start();
  });

  afterAll(async () => {
    await tracker?.stop();
    await bed?.close();
  });

  const child = randomUUID();
  let first: string;

  it('alerts rung 0 at once, re-notifies then escalates the unacknowledged, and creates the strategy-meeting task', async () => {
    first = await reportTrafficked(child);
    const [onCall] = await eventually(() => {
      expect(alertsFor(first, 'home-duty-manager')).toHaveLength(1);
      const found = alertsFor(first, 'on-call-manager');
      expect(found).toHaveLength(1);
      return found;
    });
    // Opened at the report, before scoring answered: no profile known here, so ladder T, high.
    expect(onCall!.data).toMatchObject({ ladder: 'T', rung: 0, level: 'high', attempt: 1 });

    // The on-call manager acknowledges in the console; the home's duty manager does not.
    const ack = await api(`/alerts/${onCall!.data.alertId}/acknowledge`, { method: 'POST', body: '{}', as: token('on-call-manager', { kind: 'council', id: COUNCIL }) });
    expect(ack.status).toBe(200);
    // Police liaison must give the police reference.
    const [police] = await eventually(() => {
      const found = alertsFor(first, 'police-liaison-officer');
      expect(found).toHaveLength(1);
      return found;
    });
    const noRef = await api(`/alerts/${police!.data.alertId}/acknowledge`, { method: 'POST', body: '{}', as: token('police-liaison-officer', { kind: 'police-force', id: FORCE }) });
    expect(noRef.status).toBe(400);

    // Unacknowledged: re-sent once (attempt 2), then escalated to the control-room inspector.
    await eventually(() => expect(alertsFor(first, 'home-duty-manager').map((a) => a.data.attempt)).toEqual([1, 2]), { timeoutMs: 10_000 });
    await eventually(() => expect(alertsFor(first, 'control-room-inspector')).toHaveLength(1), { timeoutMs: 15_000 });
    expect(alertsFor(first, 'police-liaison-officer').map((a) => a.data.attempt)).toEqual([1, 2]);
    expect(alertsFor(first, 'on-call-manager')).toHaveLength(1); // acknowledged: never re-sent

    const episode = await eventually(async () => {
      const { body } = await api(`/episodes/${first}`);
      expect((body.tasks as { kind: string }[]).map((t) => t.kind)).toContain('strategy-meeting');
      return body;
    }, { timeoutMs: 10_000 });
    const meeting = (episode.tasks as { kind: string; invitees: string[]; dueAt: string; hardDueAt: string }[]).find((t) => t.kind === 'strategy-meeting')!;
    expect(meeting.invitees).toEqual(FAST_POLICY.tasks.strategyMeeting.invitees);
    expect(new Date(meeting.hardDueAt).getTime()).toBeGreaterThan(new Date(meeting.dueAt).getTime() - 1);
    expect((episode.alerts as { role: string; acknowledgedAt: string | null }[]).find((a) => a.role === 'on-call-manager')!.acknowledgedAt).not.toBeNull();
    expect((episode.timeline as { what: string }[]).map((t) => t.what)).toEqual(expect.arrayContaining(['opened', 'alerted', 'assessed', 'acknowledged', 're-notified', 'escalated']));
  });

  it('opens an episode whose assessment overtook its report, without holding up other episodes', async () => {
    const overtaken = await reportTrafficked(randomUUID(), new Date(), true);
    await eventually(() => expect(alertsFor(overtaken, 'home-duty-manager')).toHaveLength(1));
  });

  it('applies a return that overtook its report when the report lands, instead of dead-lettering it', async () => {
    const childId = randomUUID();
    const episodeId = randomUUID();
    const now = new Date().toISOString();
    await probe.publish(ChildReturned, childId, { episodeId, childId, locatedAt: now, returnedAt: now, foundBy: 'carer', harmDuringEpisode: false });
    await new Promise((r) => setTimeout(r, 1_000));
    await probe.publish(AbsenceReported, childId, {
      episodeId, episodeReference: 'MFC-2026-777777', childId, homeId: HOME, placingCouncil: COUNCIL, policeForce: FORCE, classification: 'M',
      lastSeenAt: now, discoveredAt: now, reportedAt: now, circumstances: [], childProfileVersion: 1,
    });
    await eventually(async () => expect((await api(`/episodes/${episodeId}`)).body.state).toBe('returned'));
    expect(alertsFor(episodeId).filter((a) => a.data.ask === 'child-found' && a.data.to === 'everyone-alerted')).toHaveLength(1);
  });

  it('fires each pending step exactly once across a kill -9 and a Redis flush', async () => {
    const other = await reportTrafficked(randomUUID());
    await eventually(() => expect(alertsFor(other, 'home-duty-manager')).toHaveLength(1));
    await tracker.stop('SIGKILL');
    const redis = new Redis(bed.infra.redisUrl);
    const keys = await redis.keys(`${bed.iso.queuePrefix}:*`);
    if (keys.length) await redis.del(...keys); // this service's whole BullMQ state, as FLUSHALL would
    redis.disconnect();
    await new Promise((r) => setTimeout(r, 5_000)); // police liaison (2 s) and strategy meeting (4 s) fall due while down
    await tracker.start();
    await eventually(() => expect(alertsFor(other, 'team-manager')).toHaveLength(1), { timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(alertsFor(other, 'team-manager')).toHaveLength(1);
    expect(alertsFor(other, 'police-liaison-officer').filter((a) => a.data.attempt === 1)).toHaveLength(1);
    const { body } = await api(`/episodes/${other}`);
    expect((body.tasks as { kind: string }[]).filter((t) => t.kind === 'strategy-meeting')).toHaveLength(1);
  });

  it('on return tells everyone alerted, creates the return interview due 72 h (3 s here) and alerts its breach', async () => {
    const returnedAt = new Date();
    await probe.publish(ChildReturned, child, {
      episodeId: first, childId: child, locatedAt: returnedAt.toISOString(), returnedAt: returnedAt.toISOString(), foundBy: 'police',
      harmDuringEpisode: false,
    });
    await eventually(() => {
      // One notice to everyone alerted (the notifier resolves them by person), and the ICTG and NRM first responder.
      const found = alertsFor(first).filter((a) => a.data.ask === 'child-found');
      expect(found.filter((a) => a.data.to === 'everyone-alerted')).toHaveLength(1);
      expect(found.filter((a) => !a.data.to).map((a) => a.data.audience.role).sort()).toEqual(['ictg-service', 'nrm-first-responder']);
    });
    const { body } = await api(`/episodes/${first}`);
    expect(body.state).toBe('returned');
    const rhi = (body.tasks as { kind: string; dueAt: string }[]).find((t) => t.kind === 'return-home-interview')!;
    expect(new Date(rhi.dueAt).getTime()).toBe(returnedAt.getTime() + 3_000);
    await eventually(() => expect(alertsFor(first, 'team-manager').filter((a) => a.data.missed === 'return-home-interview')).toHaveLength(1), { timeoutMs: 10_000 });
    const after = await api(`/episodes/${first}`);
    expect((after.body.tasks as { kind: string; breachedAt: string | null }[]).find((t) => t.kind === 'return-home-interview')!.breachedAt).not.toBeNull();
    // Acknowledgement never restarts a returned episode's ladder: no more escalation rungs fire once the return is
    // applied (when the found notices were requested; a rung may fire while the return is on its way).
    const appliedAt = Math.min(...alertsFor(first).filter((a) => a.data.ask === 'child-found').map((a) => Date.parse(a.data.requestedAt)));
    const afterReturn = alertsFor(first).filter((a) => Date.parse(a.data.requestedAt) > appliedAt);
    expect(afterReturn.filter((a) => a.data.ask !== 'child-found' && a.data.ask !== 'deadline-missed')).toHaveLength(0);
  });

  it('records a return interview outcome, closes when every follow-up is done, and refuses to complete one twice', async () => {
    const socialWorker = token('social-worker', { kind: 'council', id: COUNCIL });
    const { body } = await api(`/tasks?state=open`);
    const rhi = (body.tasks as { id: string; kind: string; episodeId: string }[]).find((t) => t.episodeId === first && t.kind === 'return-home-interview')!;
    const done = await api(`/tasks/${rhi.id}`, { method: 'PATCH', body: JSON.stringify({ outcome: 'Interview held by an independent worker', attempts: 2 }), as: socialWorker });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', attempts: 2, refused: false });
    // The episode closes when every follow-up is done, not at the first. Meetings by the manager, the rest by the social worker.
    expect((await api(`/episodes/${first}`)).body.state).toBe('returned');
    const rest = ((await api(`/episodes/${first}`)).body.tasks as { id: string; kind: string; state: string }[]).filter((t) => t.state === 'open');
    for (const t of rest) {
      const as = t.kind.endsWith('meeting') ? manager() : socialWorker;
      expect((await api(`/tasks/${t.id}`, { method: 'PATCH', body: JSON.stringify({ outcome: 'Recorded' }), as })).status).toBe(200);
    }
    expect((await api(`/episodes/${first}`)).body.state).toBe('closed');
    // A task done cancels its deadline: the clock holds nothing pending for a closed episode.
    const db = await bed.client('episodes');
    expect((await db.query(`SELECT id FROM timer WHERE state = 'pending' AND id LIKE $1`, [`task:${first}:%`])).rows).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM timer WHERE state = 'cancelled' AND settled_at IS NOT NULL AND id LIKE $1`, [`task:${first}:%`])).rows[0].n)
      .toBeGreaterThan(0);
    expect((await api(`/tasks/${rhi.id}`, { method: 'PATCH', body: JSON.stringify({ outcome: 'again' }), as: socialWorker })).status).toBe(409);
    const bad = await api(`/tasks/${rhi.id}`, { method: 'PATCH', body: JSON.stringify({ attempts: 'x' }) });
    expect(bad.status).toBe(400);
    expect((bad.body['invalid-params'] as { name: string }[]).map((p) => p.name)).toEqual(['body.outcome', 'body.attempts']);
  });

  it('keeps each task to the roles that record it, the police reference to the police, and a returned episode from the police after 72 h', async () => {
    type Task = { id: string; kind: string; state: string; mayComplete: boolean; outcome?: string | null };
    const childId = randomUUID();
    const episodeId = await reportTrafficked(childId);
    const care = token('care-staff', { kind: 'home', id: HOME });
    const duty = token('home-duty-manager', { kind: 'home', id: HOME });
    const police = token('police-liaison-officer', { kind: 'police-force', id: FORCE });
    const tasks = async (as: string | Promise<string>) => (await api(`/episodes/${episodeId}`, { as })).body.tasks as Task[];
    const meeting = await eventually(async () => {
      const found = (await tasks(manager())).find((t) => t.kind === 'strategy-meeting');
      expect(found).toBeDefined();
      return found!;
    }, { timeoutMs: 15_000 });
    // The console is told who may record it; care staff are refused (403) and nothing is written.
    expect(meeting.mayComplete).toBe(true);
    expect((await tasks(care)).find((t) => t.id === meeting.id)!.mayComplete).toBe(false);
    expect((await api(`/tasks/${meeting.id}`, { method: 'PATCH', body: JSON.stringify({ outcome: 'Meeting held' }), as: care })).status).toBe(403);
    expect((await tasks(manager())).find((t) => t.id === meeting.id)!.state).toBe('open');
    expect((await api(`/tasks/${meeting.id}`, { method: 'PATCH', body: JSON.stringify({ outcome: 'Meeting held' }) })).status).toBe(200);

    // A police reference comes from the police only: refused to the home's duty manager, naming the field.
    const [toDuty] = await eventually(() => {
      const found = alertsFor(episodeId, 'home-duty-manager');
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    const withReference = await api(`/alerts/${toDuty!.data.alertId}/acknowledge`, { method: 'POST', body: JSON.stringify({ policeReference: 'XX/1/2' }), as: duty });
    expect(withReference.status).toBe(403);
    expect((withReference.body['invalid-params'] as { name: string }[]).map((p) => p.name)).toEqual(['body.policeReference']);
    expect((await api(`/episodes/${episodeId}`)).body.policeReference).toBeNull();

    // After the return the police still see the episode, never the return interview's account.
    await probe.publish(ChildReturned, childId, {
      episodeId, childId, locatedAt: new Date().toISOString(), returnedAt: new Date().toISOString(), foundBy: 'police', harmDuringEpisode: false,
    });
    const interview = await eventually(async () => {
      const found = (await tasks(manager())).find((t) => t.kind === 'return-home-interview');
      expect(found).toBeDefined();
      return found!;
    });
    const account = 'Said they were taken to a flat by an older man';
    const interviewer = token('return-interview-worker', { kind: 'council', id: COUNCIL });
    expect((await api(`/tasks/${interview.id}`, { method: 'PATCH', body: JSON.stringify({ outcome: account }), as: interviewer })).status).toBe(200);
    expect((await tasks(manager())).find((t) => t.id === interview.id)!.outcome).toBe(account);
    const seenByPolice = await api(`/episodes/${episodeId}`, { as: police });
    expect(seenByPolice.status).toBe(200);
    const policeInterview = (seenByPolice.body.tasks as Task[]).find((t) => t.id === interview.id)!;
    expect(policeInterview.state).toBe('done');
    expect(policeInterview).not.toHaveProperty('outcome');
    const policeTasks = (await api('/tasks', { as: police })).body.tasks as Task[];
    expect(policeTasks.find((t) => t.id === interview.id)).not.toHaveProperty('outcome');
    expect(JSON.stringify(policeTasks)).not.toContain(account);

    // 72 hours after the return the episode is no longer the police's: hidden (404) and left out of their lists.
    const db = await bed.client('episodes');
    await db.query(`UPDATE episode SET returned_at = now() - interval '72 hours 1 minute' WHERE id = $1`, [episodeId]);
    expect((await api(`/episodes/${episodeId}`, { as: police })).status).toBe(404);
    expect(((await api('/episodes', { as: police })).body.episodes as { id: string }[]).map((e) => e.id)).not.toContain(episodeId);
    expect(((await api('/tasks', { as: police })).body.tasks as Task[]).map((t) => t.id)).not.toContain(interview.id);
    expect((await api(`/episodes/${episodeId}`)).status).toBe(200);
  });

  it('a second episode of a trafficked child creates the repeat-episode meeting task', async () => {
    const second = await reportTrafficked(child);
    await eventually(async () => {
      const { body } = await api(`/episodes/${second}`);
      expect((body.tasks as { kind: string }[]).map((t) => t.kind)).toContain('repeat-episode-meeting');
    });
    const open = await api('/episodes?state=open');
    expect((open.body.episodes as { id: string }[]).map((e) => e.id)).toContain(second);
    const elsewhere = await api('/episodes?state=open', { as: token('team-manager', { kind: 'council', id: 'OTHER' }) });
    expect(elsewhere.body.episodes).toEqual([]);
  });
});
