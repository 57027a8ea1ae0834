/**
 * Upgrading intake erases the dates of birth the compacted intake.child-profile.v1 topic kept: after it starts, every
 * child key on that topic has a tombstone as its latest record (on the partition its events went to), the v1 event
 * the previous release left in the outbox is sent before it, every child's profile is on v2 without a date of birth,
 * and the job does not run again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildEnvelope, ChildProfileChanged, ChildProfileChangedV2, type DataOf, type Envelope } from '@safeguard/contracts';
import { createKafka, ensureDatabase, openDatabase } from '@safeguard/platform';
import { eventually, freePort, ServiceProcess, TestBed } from '@safeguard/testing';
import type pg from 'pg';
import { DATABASE } from '../src/db/database.js';
import { ChildRow, CouncilRow, HomeRow, PoliceForceRow } from '../src/db/entities.js';
import { DEMO, DEMO_FORCE } from '../src/demo-data.js';
import type { Child } from '../src/domain/child.js';

type Demo = (typeof DEMO.children)[number] & { dateOfBirth: string }; // every demo child has one (set through `over`)
const [published, twice, inOutbox, neverPublished] = DEMO.children as [Demo, Demo, Demo, Demo];

/** A profile event as the previous release published it: with the date of birth. */
const v1 = (c: Demo, profileVersion: number): DataOf<typeof ChildProfileChanged> => ({
  childId: c.id, profileVersion, homeId: c.homeId, placingCouncil: c.placingCouncil, hostCouncil: c.hostCouncil, policeForce: DEMO_FORCE,
  dateOfBirth: c.dateOfBirth, ageAssessment: c.ageAssessment as never, placementStart: c.placementStart, accommodation: c.accommodation as never,
  trafficking: { status: c.traffickingStatus as never }, uasc: c.uasc, separated: c.separated,
  ...(c.arrivalDate ? { arrivalDate: c.arrivalDate } : {}), concerns: c.concerns as never, changedAt: new Date().toISOString(),
});

interface Record_ { partition: number; offset: number; value: string | null }

describe('intake retires the child profile v1 topic and its dates of birth', () => {
  let bed: TestBed;
  let intake: ServiceProcess;
  let db: pg.Client;
  let env: Record<string, string>;
  let v2: Envelope<DataOf<typeof ChildProfileChangedV2>>[];
  const V1_TOPIC = () => bed.iso.topicPrefix + ChildProfileChanged.topic;

  /** Every record on the v1 topic, read from the start to the end of each partition, by key. */
  const v1Records = async (): Promise<Map<string, Record_[]>> => {
    const kafka = createKafka({ brokers: bed.infra.kafkaBrokers, clientId: 'erasure-check' });
    const admin = kafka.admin();
    await admin.connect();
    const ends = new Map((await admin.fetchTopicOffsets(V1_TOPIC())).map((p) => [p.partition, Number(p.high)]));
    await admin.disconnect();
    const byKey = new Map<string, Record_[]>();
    const left = new Set([...ends].filter(([, high]) => high > 0).map(([p]) => p));
    const consumer = kafka.consumer({ groupId: `${bed.iso.topicPrefix}erasure-check-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: V1_TOPIC(), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const key = message.key!.toString();
        byKey.set(key, [...(byKey.get(key) ?? []), { partition, offset: Number(message.offset), value: message.value?.toString() ?? null }]);
        if (Number(message.offset) + 1 >= ends.get(partition)!) left.delete(partition);
      },
    });
    await eventually(() => expect(left.size).toBe(0), { timeoutMs: 30_000 });
    await consumer.disconnect();
    return byKey;
  };

  beforeAll(async () => {
    bed = await TestBed.open('erase-v1');
    env = bed.env('intake');
    // The previous release: the register, its v1 events on the broker, and one still in its outbox.
    await ensureDatabase(env.DATABASE_URL!);
    const old = await openDatabase({ ...DATABASE, url: env.DATABASE_URL! });
    await old.getRepository(CouncilRow).save(DEMO.councils);
    await old.getRepository(PoliceForceRow).save(DEMO.forces);
    await old.getRepository(HomeRow).save(DEMO.homes);
    for (const c of DEMO.children) {
      await old.getRepository(ChildRow).save(Object.assign(new ChildRow(), { ...c, profileVersion: c === twice ? 2 : 1 } as unknown as Child));
    }
    await bed.probe.publish(ChildProfileChanged, published.id, v1(published, 1));
    await bed.probe.publish(ChildProfileChanged, twice.id, v1(twice, 1));
    await bed.probe.publish(ChildProfileChanged, twice.id, v1(twice, 2));
    const pending = buildEnvelope(ChildProfileChanged, inOutbox.id, v1(inOutbox, 1), { source: 'intake' });
    await old.query('INSERT INTO outbox (event_id, topic, message_key, value) VALUES ($1, $2, $3, $4)',
      [pending.id, ChildProfileChanged.topic, inOutbox.id, JSON.stringify(pending)]);
    await old.destroy();
    v2 = await bed.probe.collect(ChildProfileChangedV2);
    intake = await new ServiceProcess('intake', await freePort(), env, bed.iso.id).start();
    db = await bed.client('intake');
  });

  afterAll(async () => {
    await intake?.stop();
    await bed?.close();
  });

  const jobs = async () => (await db.query(`SELECT name, items FROM one_off_job WHERE name LIKE 'child-profile.%' ORDER BY name`)).rows;

  it('leaves a tombstone as the latest record of every child key on the v1 topic, after the last v1 event', async () => {
    await eventually(async () => expect(await jobs()).toEqual([
      { name: 'child-profile.v1-tombstones', items: 4 }, { name: 'child-profile.v2-backfill', items: 4 },
      { name: 'child-profile.v2-republish-accommodation', items: 4 },
    ]), { timeoutMs: 30_000 });
    const records = await v1Records();
    expect([...records.keys()].sort()).toEqual(DEMO.children.map((c) => c.id).sort());
    for (const [key, list] of records) {
      const latest = list.at(-1)!;
      expect({ key, partitions: new Set(list.map((r) => r.partition)).size, latest: latest.value }).toEqual({ key, partitions: 1, latest: null });
    }
    // What the tombstones erase: the dates of birth, including the one the outbox still held at the upgrade.
    for (const c of [published, twice, inOutbox]) {
      const before = records.get(c.id)!.slice(0, -1).map((r) => JSON.parse(r.value!) as Envelope<{ dateOfBirth: string }>);
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((e) => e.data.dateOfBirth === c.dateOfBirth)).toBe(true);
    }
    expect(records.get(twice.id)).toHaveLength(3);
    expect(records.get(neverPublished.id)).toHaveLength(1);
  });

  it('publishes every child\'s profile on v2 at the version it has, without a date of birth (twice: again for the tracker\'s accommodation)', async () => {
    await eventually(() => expect(v2).toHaveLength(8));
    expect(Object.fromEntries(v2.map((e) => [e.subject, e.data.profileVersion]))).toEqual({
      [published.id]: 1, [twice.id]: 2, [inOutbox.id]: 1, [neverPublished.id]: 1,
    });
    const wire = JSON.stringify(v2);
    for (const c of DEMO.children as Demo[]) expect(wire).not.toContain(c.dateOfBirth);
    expect(v2.find((e) => e.subject === published.id)!.data).toMatchObject({ traffickingStatus: 'suspected', uasc: true, hostCouncil: 'DEMO-COUNCIL' });
  });

  it('runs once: a restart sends no more tombstones and no second copy of the profiles', async () => {
    const count = (m: Map<string, Record_[]>) => [...m.values()].reduce((n, l) => n + l.length, 0);
    const before = count(await v1Records());
    await intake.stop();
    intake = await new ServiceProcess('intake', intake.port, env, bed.iso.id).start();
    await new Promise((r) => setTimeout(r, 3_000));
    expect(count(await v1Records())).toBe(before);
    expect(v2).toHaveLength(8);
    expect(await jobs()).toHaveLength(3);
  });
});
