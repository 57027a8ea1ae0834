/**
 * The move to intake's v2 events (no date of birth on the wire): the tracker reads the v1 backlog and v2 side by side,
 * each report opening exactly one episode, under 13 taken from the report's age at discovery (v2) or from a v1
 * profile (v1); the tombstones intake leaves on the v1 profile topic are skipped, not dead-lettered.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { AbsenceReported, AbsenceReportedV2, AlertRequested, ChildProfileChanged, ChildProfileChangedV2, type DataOf, type Envelope } from '@safeguard/contracts';
import { eventually, freePort, intakeEvents, ServiceProcess, TestBed } from '@safeguard/testing';
import type pg from 'pg';

const { profileV1, profileV2, reportV1, reportV2, bornYearsBefore } = intakeEvents({
  homeId: randomUUID(), council: 'VERSIONS-COUNCIL', policeForce: 'VERSIONS-FORCE', discoveredAt: new Date(Date.now() - 60_000),
});

describe('the tracker reads intake events v1 (backlog) and v2 side by side', () => {
  let bed: TestBed;
  let tracker: ServiceProcess;
  let db: pg.Client;
  let alerts: Envelope<DataOf<typeof AlertRequested>>[];

  const episodes = async (childIds: string[]) =>
    (await db.query('SELECT child_id, level, ladder, under_13 FROM episode WHERE child_id = ANY($1) ORDER BY child_id', [childIds])).rows;

  beforeAll(async () => {
    bed = await TestBed.open('tracker-versions');
    alerts = await bed.probe.collect(AlertRequested);
    tracker = await new ServiceProcess('episode-tracker', await freePort(), { ...bed.env('episodes'), TIMER_RECONCILE_MS: '300' }, bed.iso.id).start();
    db = await bed.client('episodes');
  });

  afterAll(async () => {
    await tracker?.stop();
    await bed?.close();
  });

  const v1Young = randomUUID();
  const v2Young = randomUUID();
  const v2Teen = randomUUID();

  it('opens exactly one episode per report, v1 or v2, redelivered or not, with under 13 from the age at discovery', async () => {
    await bed.probe.publish(ChildProfileChanged, v1Young, profileV1(v1Young, bornYearsBefore(12)));
    await bed.probe.publish(ChildProfileChangedV2, v2Young, profileV2(v2Young));
    await bed.probe.publish(ChildProfileChangedV2, v2Teen, profileV2(v2Teen));
    await new Promise((r) => setTimeout(r, 1_000)); // the profiles first, as intake publishes them
    const r1 = await bed.probe.publish(AbsenceReported, v1Young, reportV1(v1Young));
    const r2 = await bed.probe.publish(AbsenceReportedV2, v2Young, reportV2(v2Young, 12));
    const r3 = await bed.probe.publish(AbsenceReportedV2, v2Teen, reportV2(v2Teen, 15));
    await bed.probe.republish(AbsenceReported, r1);
    await bed.probe.republish(AbsenceReportedV2, r2);

    const children = [v1Young, v2Young, v2Teen];
    const opened = (r: typeof r1) => alerts.filter((a) => a.data.episodeId === r.data.episodeId && a.data.rung === 0 && a.data.attempt === 1);
    await eventually(async () => {
      expect(await episodes(children)).toHaveLength(3);
      for (const r of [r1, r2, r3]) expect(opened(r).length).toBeGreaterThan(0);
    });
    const firstAlerts = [r1, r2, r3].map((r) => opened(r).length);
    await new Promise((r) => setTimeout(r, 1_500)); // room for a duplicate to show
    expect([r1, r2, r3].map((r) => opened(r).length)).toEqual(firstAlerts);
    expect(Object.fromEntries((await episodes(children)).map((e) => [e.child_id, [e.under_13, e.level, e.ladder]]))).toEqual({
      [v1Young]: [true, 'high', 'S-high'], [v2Young]: [true, 'high', 'S-high'], [v2Teen]: [false, 'low', 'S-low'],
    });
    const kept = (await db.query('SELECT child_id, thirteenth_birthday FROM child_profile WHERE child_id = ANY($1)', [children])).rows;
    expect(kept.find((r) => r.child_id === v2Young).thirteenth_birthday).toBeNull();
  });

  it('skips a tombstone on the v1 profile topic: nothing dead-lettered, the profile kept, later events on the key applied', async () => {
    await bed.probe.tombstone(ChildProfileChanged, v1Young);
    // The next v1 event for the same child lands after the tombstone on the same partition: trafficked now, ladder T.
    await bed.probe.publish(ChildProfileChanged, v1Young, profileV1(v1Young, bornYearsBefore(12), { profileVersion: 2, trafficking: { status: 'suspected' } }));
    await eventually(async () => expect((await episodes([v1Young]))[0]).toMatchObject({ ladder: 'T', level: 'high' }));
    expect(await bed.probe.deadLettered(ChildProfileChanged)).toBe(0);
  });
});
