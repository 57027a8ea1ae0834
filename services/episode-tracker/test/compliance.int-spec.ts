import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  AbsenceReported, AbsenceUpdated, AlertDeliveredV2, AlertRequested, EpisodeAssessed, ukClock, type DataOf, type Envelope, type Role, type Scope,
} from '@safeguard/contracts';
import {
  eventually, fastPolicyFile, freePort, seedTrackerYear, ServiceProcess, syntheticYear, TestBed, TestTokens, type KafkaProbe,
} from '@safeguard/testing';

const tokens = await TestTokens.create();
const COUNCIL = 'SYNTH-COUNCIL';
const YEAR = syntheticYear({ council: COUNCIL, force: 'SYNTH-FORCE' });

describe('compliance figures from a synthetic year and from live events, on real PostgreSQL, Redis and Kafka', () => {
  let bed: TestBed;
  let probe: KafkaProbe;
  let tracker: ServiceProcess;
  let db: pg.Client;
  let alerts: Envelope<DataOf<typeof AlertRequested>>[];
  const token = (role: Role, scope: Scope) => tokens.token('episode-tracker', { sub: `${role}-1`, role, scope });
  const manager = token('team-manager', { kind: 'council', id: COUNCIL });
  const compliance = async (query: string, as = manager) => {
    const res = await fetch(`${tracker.url}/api/v1/insight/compliance?${query}`, { headers: { authorization: `Bearer ${await as}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    bed = await TestBed.open('compliance', tokens);
    probe = bed.probe;
    alerts = await probe.collect(AlertRequested);
    tracker = new ServiceProcess('episode-tracker', await freePort(), {
      ...bed.env('episodes'), ESCALATION_POLICY_FILES: fastPolicyFile(),
    }, bed.iso.id);
    await tracker.start();
    db = await bed.client('episodes');
    await seedTrackerYear(db, YEAR);
  });

  afterAll(async () => {
    await tracker?.stop();
    await bed?.close();
  });

  it('equals the known answers of the synthetic year: 71 h is in time, 73 h is late', async () => {
    const { status, body } = await compliance(`council=${COUNCIL}&year=2025-26`);
    expect(status).toBe(200);
    const months = body.months as { month: string; episodes: number }[];
    expect(months.map((m) => m.month)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11',
      '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(months.map((m) => m.episodes)).toEqual(YEAR.expected.episodesByMonth);
    const { reportToAlertSeconds, month, ...total } = body.total as Record<string, unknown>;
    expect(month).toBe('2025-26');
    expect(total).toEqual(YEAR.expected.compliance);
    const { median, p95 } = reportToAlertSeconds as { median: number; p95: number };
    expect(median).toBeGreaterThanOrEqual(0.2);
    expect(p95).toBeLessThanOrEqual(0.8);
  });

  it('draws the 72-hour line exactly: the interview at 73 h is the only late one, and at 72 h it would be in time', async () => {
    const offered = async () => ((await compliance(`council=${COUNCIL}&year=2025-26`)).body.total as { returnInterviewsOffered: { due: number; inTime: number } })
      .returnInterviewsOffered;
    const before = await offered();
    expect(before.due - before.inTime).toBe(1);
    const moved = await db.query(
      `UPDATE task SET completed_at = due_at FROM episode e
        WHERE task.episode_id = e.id AND e.reference = $1 AND task.kind = 'return-home-interview' RETURNING task.id`,
      [YEAR.expected.references.interview73h],
    );
    expect(moved.rowCount).toBe(1);
    expect(await offered()).toEqual({ due: before.due, inTime: before.due });
    await db.query(`UPDATE task SET completed_at = due_at + interval '1 hour' WHERE id = $1`, [moved.rows[0].id]);
    expect(await offered()).toEqual(before);
  });

  it('counts a live episode from real events: report time, first delivery, and when the police were told', async () => {
    const episodeId = randomUUID();
    const childId = randomUUID();
    const discovered = new Date(Date.now() - 60_000);
    const reportedAt = new Date(discovered.getTime() + 5_000);
    await probe.publish(AbsenceReported, childId, {
      episodeId, episodeReference: 'MFC-2026-000777', childId, homeId: randomUUID(), placingCouncil: COUNCIL, policeForce: 'SYNTH-FORCE',
      classification: 'M', lastSeenAt: discovered.toISOString(), discoveredAt: discovered.toISOString(), reportedAt: reportedAt.toISOString(),
      circumstances: [], childProfileVersion: 1,
    });
    await probe.publish(EpisodeAssessed, childId, {
      assessmentId: randomUUID(), episodeId, childId, level: 'high', score: 40, factors: [], overrides: ['trafficking-suspected-or-above'],
      rulesetVersion: 'v1', trigger: 'reported', inputEventIds: [], assessedAt: new Date().toISOString(),
    });
    const first = await eventually(() => {
      const found = alerts.find((a) => a.data.episodeId === episodeId);
      expect(found).toBeDefined();
      return found!;
    });
    await probe.publish(AlertDeliveredV2, childId, {
      alertId: first.data.alertId, episodeId, childId, deliveryId: randomUUID(), recipientId: randomUUID(), channel: 'sms', confirmedBy: 'receipt', attempts: 1,
      deliveredAt: new Date(reportedAt.getTime() + 300).toISOString(),
    });
    // The fast ladder expects the police within 2 s of discovery: told after 1 s.
    await probe.publish(AbsenceUpdated, childId, {
      episodeId, childId, policeReference: 'LIVE/1', addedCircumstances: [], updatedAt: new Date(discovered.getTime() + 1_000).toISOString(),
    });
    const month = ukClock(discovered).month;
    const year = Number(month.slice(0, 4)) - (month.slice(5) < '04' ? 1 : 0);
    await eventually(async () => {
      const { body } = await compliance(`council=${COUNCIL}&year=${year}-${String((year + 1) % 100).padStart(2, '0')}`);
      const live = (body.months as Record<string, unknown>[]).find((m) => m.month === month)!;
      expect(live.episodes).toBe(1);
      expect(live.reportToAlertSeconds).toEqual({ median: 0.3, p95: 0.3 });
      expect(live.policeInformed).toEqual({ due: 1, inTime: 1 });
    });
  });

  it('shows figures only to managers of that council, and names a bad query field', async () => {
    expect((await compliance(`council=OTHER-COUNCIL&year=2025-26`)).status).toBe(403);
    expect((await compliance(`council=${COUNCIL}&year=2025-26`, token('care-staff', { kind: 'home', id: randomUUID() }))).status).toBe(403);
    expect((await compliance(`council=${COUNCIL}&year=2025-26`, token('social-worker', { kind: 'council', id: COUNCIL }))).status).toBe(403);
    const bad = await compliance(`council=${COUNCIL}&year=2025-27`);
    expect(bad.status).toBe(400);
    expect((bad.body['invalid-params'] as { name: string }[]).map((p) => p.name)).toEqual(['query.year']);
  });
});
