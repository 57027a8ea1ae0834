/**
 * Upgrading with episodes live: a database left by the previous release (its migrations, its data shapes) is taken
 * over by this one. Steps already sent are not sent again, live episodes are re-planned under the council's policy
 * (so a review is booked), and an episode that was still waiting for its assessment opens and alerts at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AlertRequested, ChildProfileChangedV2, type DataOf, type Envelope } from '@safeguard/contracts';
import { dropDatabase, ensureDatabase, ensureTopics, openDatabase } from '@safeguard/platform';
import {
  eventually, fastEscalationPolicy, fastPolicyFile, freePort, isolation, KafkaProbe, ServiceProcess, serviceEnv, TEST_PARTITIONS, testInfrastructure, TestTokens, type Infrastructure,
} from '@safeguard/testing';
import { DATABASE } from '../src/db/database.js';

const HOME = randomUUID();
const COUNCIL = 'UPGRADE-COUNCIL';
/** The shape of a policy snapshot as the previous release copied it onto an episode. */
const OLD_POLICY = {
  version: 'default-v1', council: '*', renotifyAckWithinSeconds: 600,
  ladders: {
    T: [
      { key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: 'home' }], ask: 'call-police-now', ackWithinSeconds: 900 },
      { key: 'weekly-review-1', afterSeconds: 864_000, audiences: [{ role: 'director', scope: 'council' }], ask: 'strategy-meeting', ackWithinSeconds: 3_600 },
    ],
  },
  tasks: { strategyMeeting: { hardLimitSeconds: 86_400, invitees: ['police'] }, returnInterviewDueSeconds: 259_200, nrmReferralDueSeconds: 86_400, repeatMeetingDueSeconds: 432_000 },
};

describe('upgrading the tracker with episodes live (previous release\'s schema and data)', () => {
  const iso = isolation('upgrade');
  let infra: Infrastructure;
  let probe: KafkaProbe;
  let tracker: ServiceProcess;
  let alerts: Envelope<DataOf<typeof AlertRequested>>[];
  const live = randomUUID();
  const waiting = randomUUID();
  const returnedUnassessed = randomUUID();
  /** Live under a snapshot of today's shape (chains of command) taken before the tasks to tell the competent authority and Ofsted. */
  const beforeNotices = randomUUID();
  const beforeNoticesChild = randomUUID();

  beforeAll(async () => {
    infra = await testInfrastructure();
    await ensureTopics(infra.kafkaBrokers, iso.topicPrefix, TEST_PARTITIONS);
    probe = new KafkaProbe(infra.kafkaBrokers, iso.topicPrefix);
    alerts = await probe.collect(AlertRequested);
    // The previous release: its migrations only, and its rows.
    const url = iso.database(infra.postgresUrl, 'episodes');
    await ensureDatabase(url);
    const old = await openDatabase({ entities: [], migrations: DATABASE.migrations.slice(0, 3), url });
    const discovered = new Date(Date.now() - 120_000);
    const episode = `INSERT INTO episode (id, reference, child_id, home_id, placing_council, police_force, classification, state, level, ladder,
      trafficked, policy, discovered_at, opened_at, reported_at) VALUES ($1, $2, $3, $4, $5, 'UPGRADE-FORCE', 'M', $6, $7, $8, true, $9, $10, $10, $10)`;
    await old.query(episode, [live, 'MFC-2026-900001', randomUUID(), HOME, COUNCIL, 'open', 'high', 'T', JSON.stringify(OLD_POLICY), discovered]);
    await old.query(episode, [waiting, 'MFC-2026-900002', randomUUID(), HOME, COUNCIL, 'reported', null, null, null, discovered]);
    // The previous release let an episode go from reported straight to returned: no level, ladder or policy.
    await old.query(episode, [returnedUnassessed, 'MFC-2026-900003', randomUUID(), HOME, COUNCIL, 'returned', null, null, null, discovered]);
    await old.query(episode, [beforeNotices, 'MFC-2026-900004', beforeNoticesChild, HOME, COUNCIL, 'open', 'high', 'T',
      JSON.stringify({ ...fastEscalationPolicy(), version: 'council-before-notices' }), discovered]);
    await old.query(`INSERT INTO alert (id, episode_id, origin_alert_id, rung_key, role, scope_kind, scope_id, ask, level, attempt, requested_at, ack_deadline)
      VALUES ($1, $2, $1, 'duty-manager', 'home-duty-manager', 'home', $3, 'call-police-now', 'high', 1, $4, $5)`,
    [randomUUID(), live, HOME, discovered, new Date(discovered.getTime() + 900_000)]);
    await old.query(`INSERT INTO rung_fired (episode_id, rung_key, fired_at) VALUES ($1, 'duty-manager', $2)`, [live, discovered]);
    await old.query(`INSERT INTO timer (id, kind, due_at, payload, state, token) VALUES ($1, 'rung', $2, $3, 'pending', $4)`,
      [`rung:${live}:weekly-review-1`, new Date(discovered.getTime() + 864_000_000), JSON.stringify({ episodeId: live, rungKey: 'weekly-review-1' }), randomUUID()]);
    await old.destroy();
    // This release starts on it (fast policy: T fires duty manager and on-call at 0, police at 2 s, weekly review repeats).
    tracker = await new ServiceProcess('episode-tracker', await freePort(), {
      ...serviceEnv(iso, infra, 'episodes', await TestTokens.create()), TIMER_RECONCILE_MS: '300', ESCALATION_POLICY_FILES: fastPolicyFile(),
    }, iso.id).start();
  });

  afterAll(async () => {
    await tracker?.stop();
    await probe?.close();
    await dropDatabase(iso.database(infra.postgresUrl, 'episodes')).catch(() => undefined);
    await infra?.stop();
  });

  const roles = (episodeId: string) => alerts.filter((a) => a.data.episodeId === episodeId && a.data.attempt === 1).map((a) => a.data.audience.role).sort();

  it('re-plans a live episode under the council\'s policy without re-sending what was sent', async () => {
    await eventually(() => expect(roles(live)).toEqual(expect.arrayContaining(['on-call-manager', 'police-liaison-officer'])), { timeoutMs: 15_000 });
    expect(roles(live)).not.toContain('home-duty-manager'); // sent by the previous release: not again
    const db = await openDatabase({ ...DATABASE, url: iso.database(infra.postgresUrl, 'episodes') });
    try {
      const [e] = await db.query(`SELECT policy->>'version' AS version FROM episode WHERE id = $1`, [live]);
      expect(e.version).toBe('fast-test-v2');
      const booked = await db.query(`SELECT id FROM timer WHERE id LIKE $1 AND state = 'pending' AND due_at > now()`, [`rung:${live}:%`]);
      expect(booked.map((t: { id: string }) => t.id)).toContain(`rung:${live}:weekly-review@1`);
      const parked = await db.query(`SELECT to_regclass('parked_assessment') AS old`);
      expect(parked[0].old).toBeNull();
      const [back] = await db.query(`SELECT state, level, ladder, policy->>'version' AS version FROM episode WHERE id = $1`, [returnedUnassessed]);
      expect(back).toEqual({ state: 'returned', level: 'high', ladder: 'T', version: 'fast-test-v2' });
    } finally {
      await db.destroy();
    }
  });

  it('opens an episode that was waiting for its assessment and alerts the first rung at once', async () => {
    await eventually(() => expect(roles(waiting)).toEqual(expect.arrayContaining(['home-duty-manager', 'on-call-manager'])), { timeoutMs: 15_000 });
  });

  it('keeps a snapshot taken before the tasks to tell the competent authority and Ofsted, and gives those tasks the default rule', async () => {
    const changedAt = Date.now();
    await probe.publish(ChildProfileChangedV2, beforeNoticesChild, {
      childId: beforeNoticesChild, profileVersion: 1, hostCouncil: COUNCIL, traffickingStatus: 'nrm-referred', uasc: false, separated: false,
      ageAssessment: 'not-required', placementStart: '2026-01-10', accommodation: 'childrens-home', concerns: [],
    });
    const db = await openDatabase({ ...DATABASE, url: iso.database(infra.postgresUrl, 'episodes') });
    try {
      const [task] = await eventually(async () => {
        const rows: { dueAt: Date }[] = await db.query(`SELECT due_at AS "dueAt" FROM task WHERE episode_id = $1 AND kind = 'tell-competent-authority'`, [beforeNotices]);
        expect(rows).toHaveLength(1);
        return rows;
      }, { timeoutMs: 15_000 });
      expect(task!.dueAt.getTime()).toBeGreaterThanOrEqual(changedAt + 86_400_000 - 1_000);
      expect(task!.dueAt.getTime()).toBeLessThan(changedAt + 86_400_000 + 15_000);
      const [e] = await db.query(`SELECT policy->>'version' AS version, policy->'tasks' ? 'tellCompetentAuthority' AS stored FROM episode WHERE id = $1`, [beforeNotices]);
      expect(e).toEqual({ version: 'council-before-notices', stored: false }); // read with the default, never rewritten
    } finally {
      await db.destroy();
    }
  });
});
