/**
 * The move to intake's v2 events (no date of birth on the wire): risk-scoring reads the v1 backlog and v2 side by side,
 * each event once, and skips the tombstones intake leaves on the v1 profile topic (no dead letter).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { AbsenceReported, AbsenceReportedV2, ChildProfileChanged, ChildProfileChangedV2, EpisodeAssessed, type DataOf, type Envelope } from '@safeguard/contracts';
import { eventually, freePort, intakeEvents, ServiceProcess, TestBed } from '@safeguard/testing';
import type pg from 'pg';

const { profileV1, profileV2, reportV1, reportV2, bornYearsBefore } = intakeEvents({
  homeId: randomUUID(), council: 'DEMO-COUNCIL', policeForce: 'DEMO-FORCE', discoveredAt: new Date(Date.now() - 600_000),
});

describe('risk-scoring reads intake events v1 (backlog) and v2 side by side', () => {
  let bed: TestBed;
  let risk: ServiceProcess;
  let db: pg.Client;
  let assessed: Envelope<DataOf<typeof EpisodeAssessed>>[];
  const reported = (episodeId: string) => assessed.filter((a) => a.data.episodeId === episodeId && a.data.trigger === 'reported');

  beforeAll(async () => {
    bed = await TestBed.open('risk-versions');
    assessed = await bed.probe.collect(EpisodeAssessed);
    risk = await new ServiceProcess('risk-scoring', await freePort(), { ...bed.env('risk'), TIMER_RECONCILE_MS: '500' }, bed.iso.id).start();
    db = await bed.client('risk');
  });

  afterAll(async () => {
    await risk?.stop();
    await bed?.close();
  });

  const v1Child = randomUUID();
  const v2Young = randomUUID();
  const v2Teen = randomUUID();
  let v1Episode: string;

  it('assesses a v1 report (age from the v1 profile) and v2 reports (age from the report) exactly once each, redelivered or not', async () => {
    await bed.probe.publish(ChildProfileChanged, v1Child, profileV1(v1Child, bornYearsBefore(12)));
    const r1 = await bed.probe.publish(AbsenceReported, v1Child, reportV1(v1Child));
    await bed.probe.publish(ChildProfileChangedV2, v2Young, profileV2(v2Young));
    const r2 = await bed.probe.publish(AbsenceReportedV2, v2Young, reportV2(v2Young, 12));
    await bed.probe.publish(ChildProfileChangedV2, v2Teen, profileV2(v2Teen));
    const r3 = await bed.probe.publish(AbsenceReportedV2, v2Teen, reportV2(v2Teen, 14));
    await bed.probe.republish(AbsenceReported, r1);
    await bed.probe.republish(AbsenceReportedV2, r2);
    v1Episode = r1.data.episodeId;

    await eventually(() => {
      for (const r of [r1, r2, r3]) expect(reported(r.data.episodeId)).toHaveLength(1);
    });
    await new Promise((r) => setTimeout(r, 1_000)); // room for a duplicate to show
    for (const r of [r1, r2, r3]) expect(reported(r.data.episodeId)).toHaveLength(1);
    expect(reported(r1.data.episodeId)[0]!.data.overrides).toContain('under-13');
    expect(reported(r2.data.episodeId)[0]!.data.overrides).toContain('under-13');
    expect(reported(r3.data.episodeId)[0]!.data.overrides).not.toContain('under-13');
    expect(reported(r3.data.episodeId)[0]!.data.factors).toContainEqual({ code: 'aged-13-to-15', points: 10 });

    const ages = (await db.query('SELECT child_id, age_at_discovery FROM episode WHERE child_id = ANY($1)', [[v1Child, v2Young, v2Teen]])).rows;
    expect(Object.fromEntries(ages.map((r) => [r.child_id, r.age_at_discovery]))).toEqual({ [v1Child]: null, [v2Young]: 12, [v2Teen]: 14 });
    const kept = (await db.query('SELECT child_id, profile FROM child_profile WHERE child_id = ANY($1)', [[v1Child, v2Young]])).rows;
    expect(kept.find((r) => r.child_id === v2Young).profile).not.toHaveProperty('dateOfBirth');
  });

  it('skips a tombstone on the v1 profile topic: nothing dead-lettered, the profile kept, later events on the key applied', async () => {
    await bed.probe.tombstone(ChildProfileChanged, v1Child);
    // The next v1 event for the same child (same partition, after the tombstone) raises the profile: the open episode is re-scored.
    await bed.probe.publish(ChildProfileChanged, v1Child, profileV1(v1Child, bornYearsBefore(12), { profileVersion: 2, trafficking: { status: 'suspected' } }));
    await eventually(() => expect(assessed.filter((a) => a.data.episodeId === v1Episode && a.data.trigger === 'profile-changed')).toHaveLength(1));
    expect((await db.query('SELECT profile_version FROM child_profile WHERE child_id = $1', [v1Child])).rows).toEqual([{ profile_version: 2 }]);
    expect(await bed.probe.deadLettered(ChildProfileChanged)).toBe(0);
  });
});
