/**
 * Who must be told of an absence, on real PostgreSQL and Kafka: intake's profile, report and updates published through
 * the broker as intake publishes them, the tasks read and recorded through the tracker's HTTP API. The NRM competent
 * authority is told of a referred child who goes missing; a children's home notifies Ofsted of each kind of
 * regulation 40 event. The council's policy predates these tasks: telling the competent authority takes the default
 * rule (24 h); its own Ofsted rule lapses in 2 s here.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  AbsenceReportedV2, AbsenceUpdated, AlertRequested, ChildProfileChangedV2, type DataOf, type Envelope, type NotifiableEvent, type Role, type Scope,
} from '@safeguard/contracts';
import { eventually, fastEscalationPolicy, fastPolicyFile, freePort, ServiceProcess, TestBed, TestTokens } from '@safeguard/testing';
import type pg from 'pg';

const tokens = await TestTokens.create();
const HOME = randomUUID();
const COUNCIL = 'NOTICE-COUNCIL';
const FORCE = 'NOTICE-FORCE';
const DAY_MS = 86_400_000;

type Profile = DataOf<typeof ChildProfileChangedV2>;
type Alert = Envelope<DataOf<typeof AlertRequested>>;
interface Task { id: string; kind: string; state: string; dueAt: string; mayComplete: boolean }

describe('telling the NRM competent authority and Ofsted, on real PostgreSQL and Kafka', () => {
  let bed: TestBed;
  let tracker: ServiceProcess;
  let db: pg.Client;
  let alerts: Alert[];
  const token = (role: Role, scope: Scope) => tokens.token('episode-tracker', { sub: `${role}-1`, role, scope });
  const manager = () => token('team-manager', { kind: 'council', id: COUNCIL });
  const api = async (path: string, init: RequestInit & { as?: Promise<string> } = {}) => {
    const res = await fetch(`${tracker.url}/api/v1${path}`, {
      ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${await (init.as ?? manager())}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const episode = async (id: string) => (await api(`/episodes/${id}`)).body as {
    tasks: Task[]; timeline: { what: string; why: string }[]; policeReference: string | null;
  };
  const tasksOf = async (id: string, kind: string) => (await episode(id)).tasks.filter((t) => t.kind === kind);
  const complete = (taskId: string, as: Promise<string>) =>
    api(`/tasks/${taskId}`, { method: 'PATCH', body: JSON.stringify({ outcome: 'Done by telephone and email' }), as });

  let version = 0;
  /** Publishes a child's profile as intake does, and waits until the tracker has it (the topics are not ordered). */
  const profile = async (childId: string, over: Partial<Profile> = {}) => {
    const v = ++version;
    await bed.probe.publish(ChildProfileChangedV2, childId, {
      childId, profileVersion: v, hostCouncil: COUNCIL, traffickingStatus: 'none', uasc: false, separated: false, ageAssessment: 'not-required',
      placementStart: '2026-01-10', accommodation: 'childrens-home', concerns: [], ...over,
    });
    await eventually(async () => expect((await db.query('SELECT 1 FROM child_profile WHERE child_id = $1 AND profile_version = $2', [childId, v])).rowCount).toBe(1));
    return v;
  };
  const report = async (childId: string, childProfileVersion: number) => {
    const episodeId = randomUUID();
    const now = new Date().toISOString();
    await bed.probe.publish(AbsenceReportedV2, childId, {
      episodeId, episodeReference: `MFC-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`, childId, homeId: HOME,
      placingCouncil: COUNCIL, policeForce: FORCE, classification: 'M', lastSeenAt: now, discoveredAt: now, reportedAt: now,
      ageAtDiscovery: 15, circumstances: [], childProfileVersion,
    });
    return { episodeId, sentAt: Date.now() };
  };
  /** An absence update with regulation 40 events; its police reference shows when the tracker has applied it. */
  const update = async (childId: string, episodeId: string, notifiableEvents: NotifiableEvent[], policeReference: string) => {
    await bed.probe.publish(AbsenceUpdated, childId, {
      episodeId, childId, addedCircumstances: [], notifiableEvents, policeReference, updatedAt: new Date().toISOString(),
    });
    await eventually(async () => expect((await episode(episodeId)).policeReference).toBe(policeReference));
  };

  beforeAll(async () => {
    bed = await TestBed.open('notices', tokens);
    alerts = await bed.probe.collect(AlertRequested);
    const fast = fastEscalationPolicy();
    const notifyOfsted = { dueSeconds: 2, ifMissed: [{ role: 'home-duty-manager', scope: 'home' }, { role: 'on-call-manager', scope: 'council' }] };
    tracker = new ServiceProcess('episode-tracker', await freePort(), {
      ...bed.env('episodes'), TIMER_RECONCILE_MS: '300', ESCALATION_POLICY_FILES: fastPolicyFile({ tasks: { ...fast.tasks, notifyOfsted } }),
    }, bed.iso.id);
    await tracker.start();
    db = await bed.client('episodes');
  });

  afterAll(async () => {
    await tracker?.stop();
    await bed?.close();
  });

  const child = randomUUID();
  let referred: { episodeId: string; sentAt: number };

  it('a referred child at a children\'s home, with a sexual exploitation concern, goes missing: the competent authority and Ofsted are to be told', async () => {
    referred = await report(child, await profile(child, { traffickingStatus: 'nrm-referred', concerns: ['sexual-exploitation'] }));
    const { episodeId, sentAt } = referred;
    const told = await eventually(async () => {
      const found = await tasksOf(episodeId, 'tell-competent-authority');
      expect(found).toHaveLength(1);
      expect(await tasksOf(episodeId, 'notify-ofsted')).toHaveLength(1);
      return found[0]!;
    }, { timeoutMs: 10_000 });
    // The council's policy has no rule for it: the default's 24 h.
    expect(Date.parse(told.dueAt)).toBeGreaterThanOrEqual(sentAt + DAY_MS - 1_000);
    expect(Date.parse(told.dueAt)).toBeLessThan(sentAt + DAY_MS + 10_000);

    // A police incident is reported: a second notification, of its own kind; reported again, nothing new.
    await update(child, episodeId, ['serious-police-incident'], 'NT/2026/1');
    await eventually(async () => expect(await tasksOf(episodeId, 'notify-ofsted')).toHaveLength(2));
    await update(child, episodeId, ['serious-police-incident', 'sexual-exploitation-suspected'], 'NT/2026/2');
    expect(await tasksOf(episodeId, 'notify-ofsted')).toHaveLength(2);
    expect(await tasksOf(episodeId, 'tell-competent-authority')).toHaveLength(1);
    const { rows } = await db.query(`SELECT notifiable_event AS event FROM task WHERE episode_id = $1 AND kind = 'notify-ofsted' ORDER BY 1`, [episodeId]);
    expect(rows.map((r: { event: string }) => r.event)).toEqual(['serious-police-incident', 'sexual-exploitation-suspected']);
    const [row] = (await db.query('SELECT notifiable_events AS events FROM episode WHERE id = $1', [episodeId])).rows as { events: string[] }[];
    expect(row!.events).toEqual(['serious-police-incident', 'sexual-exploitation-suspected']);
    // The timeline says it in words.
    const why = (await episode(episodeId)).timeline.map((t) => t.why);
    expect(why).toContain('reported: serious-police-incident');
    expect(why).toContainEqual(expect.stringContaining('notifies Ofsted without delay: sexual-exploitation-suspected'));
    expect(why).toContainEqual(expect.stringContaining('the competent authority is told they are missing'));
  });

  it('a missed Ofsted notification (2 s here) alerts the home\'s duty manager and the on-call manager, saying what was missed', async () => {
    await eventually(() => {
      const missed = alerts.filter((a) => a.data.episodeId === referred.episodeId && a.data.missed === 'notify-ofsted' && a.data.ask === 'deadline-missed');
      expect([...new Set(missed.map((a) => `${a.data.audience.role}@${a.data.audience.scope.id}`))].sort())
        .toEqual([`home-duty-manager@${HOME}`, `on-call-manager@${COUNCIL}`]);
    }, { timeoutMs: 15_000 });
  });

  it('the home\'s duty manager records Ofsted notified and the NRM first responder the competent authority told; other roles are refused, nothing written', async () => {
    const { episodeId } = referred;
    const care = token('care-staff', { kind: 'home', id: HOME });
    const duty = token('home-duty-manager', { kind: 'home', id: HOME });
    const firstResponder = token('nrm-first-responder', { kind: 'council', id: COUNCIL });
    const [ofsted] = await tasksOf(episodeId, 'notify-ofsted');
    const [told] = await tasksOf(episodeId, 'tell-competent-authority');
    const seenBy = async (as: Promise<string>, id: string) => ((await api(`/episodes/${episodeId}`, { as })).body.tasks as Task[]).find((t) => t.id === id)!;
    expect((await seenBy(duty, ofsted!.id)).mayComplete).toBe(true);
    expect((await seenBy(care, ofsted!.id)).mayComplete).toBe(false);

    const refused = await complete(ofsted!.id, care);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain("the home's duty manager or the on-call manager");
    expect((await seenBy(duty, ofsted!.id)).state).toBe('open');
    expect((await complete(ofsted!.id, duty)).body).toMatchObject({ state: 'done', kind: 'notify-ofsted' });

    expect((await complete(told!.id, duty)).status).toBe(403);
    expect((await seenBy(firstResponder, told!.id)).state).toBe('open');
    expect((await complete(told!.id, firstResponder)).body).toMatchObject({ state: 'done', kind: 'tell-competent-authority' });
    expect((await complete(told!.id, firstResponder)).status).toBe(409);
  });

  it('a profile kept before the tracker stored where the child lives is filled in when intake republishes it at the same version', async () => {
    const kept = randomUUID();
    await db.query(`INSERT INTO child_profile (child_id, profile_version, trafficked, uasc_or_separated, nrm_referred, host_council)
      VALUES ($1, 900, false, false, false, $2)`, [kept, COUNCIL]);
    await bed.probe.publish(ChildProfileChangedV2, kept, {
      childId: kept, profileVersion: 900, hostCouncil: COUNCIL, traffickingStatus: 'none', uasc: false, separated: false,
      ageAssessment: 'not-required', placementStart: '2026-01-10', accommodation: 'childrens-home', concerns: ['sexual-exploitation'],
    });
    await eventually(async () => expect((await db.query('SELECT accommodation FROM child_profile WHERE child_id = $1', [kept])).rows[0]).toEqual({ accommodation: 'childrens-home' }));
    const { episodeId } = await report(kept, 900);
    await eventually(async () => expect(await tasksOf(episodeId, 'notify-ofsted')).toHaveLength(1), { timeoutMs: 10_000 });
  });

  it('neither task for a child neither referred nor in a children\'s home; a referral recorded during the episode opens the one to tell the competent authority', async () => {
    const fostered = randomUUID();
    const { episodeId } = await report(fostered, await profile(fostered, {
      traffickingStatus: 'suspected', accommodation: 'foster-care', concerns: ['sexual-exploitation'],
    }));
    await eventually(async () => expect((await api(`/episodes/${episodeId}`)).status).toBe(200));
    await update(fostered, episodeId, ['serious-police-incident'], 'NT/2026/3');
    const kinds = async () => (await episode(episodeId)).tasks.map((t) => t.kind);
    expect(await kinds()).not.toContain('notify-ofsted');
    expect(await kinds()).not.toContain('tell-competent-authority');
    await profile(fostered, { traffickingStatus: 'reasonable-grounds', accommodation: 'foster-care', concerns: ['sexual-exploitation'] });
    await eventually(async () => expect((await kinds()).filter((k) => k === 'tell-competent-authority')).toHaveLength(1));
    expect(await kinds()).not.toContain('notify-ofsted');
  });
});
