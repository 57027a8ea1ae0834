import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { AbsenceReported, ChildReturned, buildEnvelope, dlqTopicOf, type DataOf, type EventContract } from '@safeguard/contracts';
import { eventually, isolation, testInfrastructure, type Infrastructure } from '@safeguard/testing';
import type { Consumer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { applyOnce } from '../src/inbox/inbox.js';
import { dropDatabase, ensureDatabase, openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logging.js';
import { Outbox } from '../src/outbox/outbox.js';
import { OutboxRelay } from '../src/outbox/relay.js';
import { createKafka, ensureTopics } from '../src/kafka/client.js';
import { KafkaEventServer } from '../src/kafka/event-server.js';
import { RenewingProducer } from '../src/kafka/producer.js';

const report = (childId: string): DataOf<typeof AbsenceReported> => ({
  episodeId: randomUUID(), episodeReference: 'MFC-2026-000001', childId, homeId: randomUUID(),
  placingCouncil: 'DEMO-COUNCIL', policeForce: 'DEMO-FORCE', classification: 'M', lastSeenAt: new Date().toISOString(),
  discoveredAt: new Date().toISOString(), reportedAt: new Date().toISOString(), circumstances: [], childProfileVersion: 1,
});

const OUTAGE = '00000000-0000-4000-8000-0000000000aa';
const DEAD = '00000000-0000-4000-8000-00000000dead';
/** Events for this home are applied into a table, each row with the transaction that wrote it. */
const BATCHED_HOME = '00000000-0000-4000-8000-0000000000bb';
const SWALLOWS = '00000000-0000-4000-8000-0000000000cc';
/** Events for this child take 1.5 s each to apply: ten of them in one batch outlast the consumer's 10 s session. */
const SLOW = '00000000-0000-4000-8000-0000000000dd';
let outageLeft = 10;

describe('outbox → Kafka → validated, idempotent consumer with a dead letter topic (real PostgreSQL and Kafka)', () => {
  const iso = isolation('platform');
  const logger = createLogger('platform-test', 'silent');
  let infra: Infrastructure;
  let url: string;
  let ds: DataSource;
  let relay: OutboxRelay;
  let producer: RenewingProducer;
  let server: KafkaEventServer;
  let dlq: Consumer;
  const dead: { reason: string; value: string }[] = [];
  const applied: string[] = [];
  /** For each event of BATCHED_HOME, what its after-commit work found committed (its row count). */
  const seenAfterCommit: { episodeId: string; rows: number }[] = [];
  /** Publishes events straight onto the consumed topic, keyed by child, as the relay would. */
  const publish = <C extends EventContract>(contract: C, events: (DataOf<C> & { childId: string })[]) =>
    producer.send({ topic: iso.topicPrefix + contract.topic, messages: events.map((e) => ({
      key: e.childId, value: JSON.stringify(buildEnvelope(contract, e.childId, e, { source: 'test' })) })) });

  beforeAll(async () => {
    infra = await testInfrastructure();
    url = iso.database(infra.postgresUrl, 'platform');
    await ensureDatabase(url);
    ds = await openDatabase({ url, entities: [], migrations: [] });
    await ensureTopics(infra.kafkaBrokers, iso.topicPrefix, 1);
    const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: iso.id }, logger);
    producer = new RenewingProducer(kafka, logger, 'test');
    await producer.connect();
    relay = new OutboxRelay({ dataSource: ds, producer, databaseUrl: url, prefix: iso.topicPrefix, logger });
    await relay.start();
    server = new KafkaEventServer({ kafka, groupId: `${iso.topicPrefix}consumer`, prefix: iso.topicPrefix, logger, maxAttempts: 2, maxBackoffMs: 50 });
    await ds.query('CREATE TABLE applied (seq serial PRIMARY KEY, episode_id uuid NOT NULL, child_id uuid NOT NULL, tx bigint NOT NULL)');
    server.addHandler(AbsenceReported.topic, async (envelope: { id: string; data: { episodeId: string; childId: string; homeId: string } }) => {
      const { episodeId, childId, homeId } = envelope.data;
      if (homeId === BATCHED_HOME) {
        await applyOnce(ds, 'test', envelope as never, async (em) => {
          await em.query('INSERT INTO applied (episode_id, child_id, tx) VALUES ($1, $2, txid_current())', [episodeId, childId]);
          if (childId === DEAD) throw new Error('this effect always fails');
          if (childId === SLOW) await new Promise((r) => setTimeout(r, 1_500));
          // A handler that swallows a failed statement: the transaction is aborted all the same.
          if (childId === SWALLOWS) await em.query('SELECT 1/0').catch(() => undefined);
        }, { lockKey: childId, afterCommit: async () => {
          const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM applied WHERE episode_id = $1', [episodeId]);
          seenAfterCommit.push({ episodeId, rows: n });
        } });
        return;
      }
      if (envelope.data.childId === DEAD) throw new Error('this handler always fails');
      if (envelope.data.childId === OUTAGE && outageLeft-- > 0) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
      await applyOnce(ds, 'test', envelope as never, async () => {
        applied.push(envelope.data.episodeId);
      });
    }, true);
    // A handler that opts out of batching (`@OnEvent(ChildReturned, { batched: false })` sets these extras).
    server.addHandler(ChildReturned.topic, async (envelope: { id: string; data: { episodeId: string; childId: string } }) => {
      await applyOnce(ds, 'test', envelope as never, async (em) => {
        await em.query('INSERT INTO applied (episode_id, child_id, tx) VALUES ($1, $2, txid_current())', [envelope.data.episodeId, envelope.data.childId]);
      }, { lockKey: envelope.data.childId });
    }, true, { batched: false });
    await new Promise<void>((resolve, reject) => void server.listen((e?: unknown) => (e ? reject(e) : resolve())));
    dlq = kafka.consumer({ groupId: `${iso.topicPrefix}dlq-reader` });
    await dlq.connect();
    await dlq.subscribe({ topic: iso.topicPrefix + dlqTopicOf(AbsenceReported.topic), fromBeginning: true });
    await dlq.run({
      eachMessage: async ({ message }) => {
        dead.push({ reason: String(message.headers?.['dlq-reason']), value: String(message.value) });
      },
    });
  });

  afterAll(async () => {
    await dlq?.disconnect();
    await server?.close();
    await relay?.stop();
    await producer?.disconnect();
    await ds?.destroy();
    await dropDatabase(url);
    await infra?.stop();
  });

  it('publishes committed outbox events within milliseconds and applies each once, even when redelivered', async () => {
    const outbox = new Outbox('test');
    const child = randomUUID();
    const events = [report(child), report(child), report(child)];
    const started = Date.now();
    const envelopes = await ds.transaction(async (em) => {
      const written = [];
      for (const e of events) written.push(await outbox.add(em, AbsenceReported, child, e));
      return written;
    });
    await eventually(() => expect(applied).toEqual(events.map((e) => e.episodeId)), { intervalMs: 5 });
    console.log(`outbox commit → consumer effect for 3 events: ${Date.now() - started} ms`);
    expect(await relay.pending()).toBe(0);

    // The same envelope delivered again (a replay or a redelivery after a crash) changes nothing.
    await producer.send({ topic: iso.topicPrefix + AbsenceReported.topic, messages: [{ key: child, value: JSON.stringify(envelopes[0]) }] });
    const marker = report(child);
    await publish(AbsenceReported, [marker]);
    await eventually(() => expect(applied).toContain(marker.episodeId));
    expect(applied.filter((id) => id === events[0]!.episodeId)).toHaveLength(1);
  });

  it('sends poisoned and persistently failing messages to the DLQ with the reason, and carries on', async () => {
    const child = randomUUID();
    const topic = iso.topicPrefix + AbsenceReported.topic;
    const invalid = { ...buildEnvelope(AbsenceReported, child, report(child), { source: 'test' }) };
    (invalid.data as { classification: string }).classification = 'Z';
    const failing = buildEnvelope(AbsenceReported, DEAD, report(DEAD), { source: 'test' });
    const after = report(child);
    await producer.send({
      topic,
      messages: [
        { key: child, value: '{not json' },
        { key: child, value: JSON.stringify(invalid) },
        { key: child, value: JSON.stringify(failing) },
        { key: child, value: JSON.stringify(buildEnvelope(AbsenceReported, child, after, { source: 'test' })) },
      ],
    });
    await eventually(() => expect(applied).toContain(after.episodeId));
    await eventually(() => expect(dead).toHaveLength(3));
    expect(dead[0]!.reason).toContain('value is not JSON');
    expect(dead[1]!.reason).toContain('data.classification');
    expect(dead[2]!.reason).toBe('handler failed 2 times: this handler always fails');
    expect(dead[0]!.value).toBe('{not json');
  });

  it('retries through a database outage for as long as it lasts instead of dead-lettering a valid event', async () => {
    const during = report(OUTAGE);
    await publish(AbsenceReported, [during]);
    await eventually(() => expect(applied).toContain(during.episodeId));
    expect(outageLeft).toBeLessThan(0);
    expect(dead.filter((d) => d.value.includes(during.episodeId))).toHaveLength(0);
  });

  it('applies a partition\'s events in one transaction, in order per child, with work after commit seeing them', async () => {
    const children = [randomUUID(), randomUUID(), randomUUID()];
    const events = Array.from({ length: 30 }, (_, i) => ({ ...report(children[i % 3]!), homeId: BATCHED_HOME }));
    await publish(AbsenceReported, events);
    await eventually(() => expect(seenAfterCommit).toHaveLength(30));
    const rows: { episode_id: string; child_id: string; tx: string }[] = (await ds.query('SELECT episode_id, child_id, tx FROM applied ORDER BY seq'));
    expect(rows.map((r) => r.episode_id)).toEqual(events.map((e) => e.episodeId)); // each once, in the order sent
    // Fewer transactions than events: a partition's events were applied together.
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(events.length);
    // After-commit work runs together once a batch commits, in any order.
    const byEpisode = (a: { episodeId: string }, b: { episodeId: string }) => a.episodeId.localeCompare(b.episodeId);
    expect(seenAfterCommit.sort(byEpisode)).toEqual(events.map((e) => ({ episodeId: e.episodeId, rows: 1 })).sort(byEpisode));
  });

  it('rolls a batch back when one event fails, then applies the others once each and dead-letters that one', async () => {
    await ds.query('TRUNCATE applied');
    seenAfterCommit.length = 0;
    const deadBefore = dead.length;
    const child = randomUUID();
    const events = [report(child), report(child), report(DEAD), report(child)].map((e) => ({ ...e, homeId: BATCHED_HOME }));
    await publish(AbsenceReported, events);
    await eventually(() => expect(dead).toHaveLength(deadBefore + 1));
    await eventually(() => expect(seenAfterCommit).toHaveLength(3));
    expect(dead.at(-1)!.reason).toBe('handler failed 2 times: this effect always fails');
    const ok = [events[0]!, events[1]!, events[3]!].map((e) => e.episodeId);
    // Nothing of the failed event, and nothing twice of the others (their first, rolled back, attempt left no trace).
    expect((await ds.query('SELECT episode_id FROM applied ORDER BY seq')).map((r: { episode_id: string }) => r.episode_id)).toEqual(ok);
    expect(seenAfterCommit.map((s) => s.rows)).toEqual([1, 1, 1]);
    expect(seenAfterCommit.map((s) => s.episodeId).sort()).toEqual([...ok].sort());
  });

  it('never commits a batch a swallowed failure aborted: its other events are applied one by one', async () => {
    await ds.query('TRUNCATE applied');
    seenAfterCommit.length = 0;
    const child = randomUUID();
    // Last in its batch, so no later statement in the batch fails on the aborted transaction and gives it away.
    const events = [report(child), report(child), report(SWALLOWS)].map((e) => ({ ...e, homeId: BATCHED_HOME }));
    await publish(AbsenceReported, events);
    await eventually(async () => {
      const rows: { episode_id: string }[] = await ds.query('SELECT episode_id FROM applied ORDER BY seq');
      expect(rows.map((r) => r.episode_id)).toEqual(expect.arrayContaining([events[0]!.episodeId, events[1]!.episodeId]));
    });
    // The events around it are applied once each; the aborted batch left nothing and reported nothing committed.
    const rows: { episode_id: string }[] = await ds.query('SELECT episode_id FROM applied ORDER BY seq');
    expect(rows.filter((r) => r.episode_id === events[0]!.episodeId)).toHaveLength(1);
    expect(rows.filter((r) => r.episode_id === events[1]!.episodeId)).toHaveLength(1);
    expect(seenAfterCommit.filter((x) => x.episodeId !== events[2]!.episodeId).map((x) => x.rows)).toEqual([1, 1]);
  });

  it('applies each event of a handler that opts out of batching in its own transaction, in order', async () => {
    await ds.query('TRUNCATE applied');
    const child = randomUUID();
    const at = new Date().toISOString();
    const returns = Array.from({ length: 20 }, () => ({ episodeId: randomUUID(), childId: child, locatedAt: at, returnedAt: at,
      foundBy: 'police' as const, harmDuringEpisode: false }));
    await publish(ChildReturned, returns);
    await eventually(async () => expect(Number((await ds.query('SELECT count(*) AS n FROM applied'))[0].n)).toBe(20));
    const rows: { episode_id: string; tx: string }[] = await ds.query('SELECT episode_id, tx FROM applied ORDER BY seq');
    expect(rows.map((r) => r.episode_id)).toEqual(returns.map((r) => r.episodeId));
    expect(new Set(rows.map((r) => r.tx)).size).toBe(20);
  });

  it('keeps its partitions through a batch that outlasts the consumer session: it heartbeats after each event', async () => {
    await ds.query('TRUNCATE applied');
    seenAfterCommit.length = 0;
    let joins = 0;
    const consumer = server.unwrap<Consumer>();
    const stopCounting = consumer.on(consumer.events.GROUP_JOIN, () => void joins++);
    const events = Array.from({ length: 10 }, () => ({ ...report(SLOW), homeId: BATCHED_HOME }));
    await publish(AbsenceReported, events);
    await eventually(() => expect(seenAfterCommit.length).toBeGreaterThanOrEqual(10), { timeoutMs: 40_000 });
    // Wait until the group has committed past the batch: a consumer the group had dropped would first rejoin.
    const topic = iso.topicPrefix + AbsenceReported.topic;
    const admin = createKafka({ brokers: infra.kafkaBrokers, clientId: `${iso.id}-admin` }, logger).admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      await eventually(async () => {
        const [committed] = await admin.fetchOffsets({ groupId: `${iso.topicPrefix}consumer`, topics: [topic] });
        expect(committed!.partitions.map((p) => p.offset)).toEqual(ends.map((e) => e.high));
      }, { timeoutMs: 30_000 });
    } finally {
      await admin.disconnect();
    }
    stopCounting();
    // 15 s of work, longer than the 10 s session: without a heartbeat per event the group drops this consumer, which
    // rejoins (a join) and is handed the batch again (each event's after-commit work runs a second time). With one
    // broker nothing else heartbeats meanwhile: kafkajs fetches again only once the batch is done.
    expect(joins).toBe(0);
    expect(seenAfterCommit).toHaveLength(10);
    const rows: { episode_id: string }[] = await ds.query('SELECT episode_id FROM applied ORDER BY seq');
    expect(rows.map((r) => r.episode_id)).toEqual(events.map((e) => e.episodeId));
  }, 90_000);

  it('leaves a batch to the partition\'s next holder when a heartbeat finds the group moved on: nothing written or retried here', async () => {
    await ds.query('TRUNCATE applied');
    seenAfterCommit.length = 0;
    const child = randomUUID();
    const events = [report(child), report(child), report(child)].map((e) => ({ ...e, homeId: BATCHED_HOME }));
    // The batch as kafkajs hands it over, driven here so the rebalance comes at a chosen moment: after the first event.
    const messages = events.map((e, i) => ({ key: Buffer.from(child), value: Buffer.from(JSON.stringify(buildEnvelope(AbsenceReported, child, e, { source: 'test' }))),
      offset: String(1_000_000 + i), headers: {}, timestamp: String(Date.now()), attributes: 0 }));
    const resolved: string[] = [];
    const deliver = (heartbeat: () => Promise<void>) => server['onBatch']({
      batch: { topic: iso.topicPrefix + AbsenceReported.topic, partition: 0, messages }, heartbeat,
      resolveOffset: (offset: string) => void resolved.push(offset), commitOffsetsIfNecessary: async () => undefined,
      isRunning: () => true, isStale: () => false,
    } as never);
    const rebalancing = new Error('The group is rebalancing, so a rejoin is needed');
    let beats = 0;
    await expect(deliver(async () => { if (++beats === 1) throw rebalancing; })).rejects.toBe(rebalancing);
    // Rolled back, not applied one by one, and no offset resolved: kafkajs rejoins and the batch goes round again.
    expect(await ds.query('SELECT episode_id FROM applied')).toEqual([]);
    expect(seenAfterCommit).toEqual([]);
    expect(resolved).toEqual([]);
    // Whoever holds the partition next applies each event once.
    await deliver(async () => undefined);
    expect((await ds.query('SELECT episode_id FROM applied ORDER BY seq')).map((r: { episode_id: string }) => r.episode_id)).toEqual(events.map((e) => e.episodeId));
    expect(seenAfterCommit).toHaveLength(3);
    expect(resolved).toEqual([messages.at(-1)!.offset]);
  });

  it('an event applied alone whose heartbeat then fails is not retried as a failed handler: the error goes to kafkajs, the event stays applied once', async () => {
    await ds.query('TRUNCATE applied');
    const child = randomUUID();
    const event = { ...report(child), homeId: BATCHED_HOME };
    const messages = [{ key: Buffer.from(child), value: Buffer.from(JSON.stringify(buildEnvelope(AbsenceReported, child, event, { source: 'test' }))),
      offset: '2000000', headers: {}, timestamp: String(Date.now()), attributes: 0 }];
    const resolved: string[] = [];
    // The group's coordinator has gone (its broker was killed): the first heartbeat fails, later ones would not.
    const gone = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9111'), { name: 'KafkaJSConnectionError' });
    let beats = 0;
    await expect(server['onBatch']({
      batch: { topic: iso.topicPrefix + AbsenceReported.topic, partition: 0, messages },
      heartbeat: async () => { if (++beats === 1) throw gone; },
      resolveOffset: (offset: string) => void resolved.push(offset), commitOffsetsIfNecessary: async () => undefined,
      isRunning: () => true, isStale: () => false,
    } as never)).rejects.toBe(gone);
    expect(beats).toBe(1); // no "handler failed; retrying" round, which would heartbeat again and carry on as if nothing happened
    expect(resolved).toEqual([]); // kafkajs finds the coordinator again; the redelivered event is skipped by the inbox
    expect(await ds.query('SELECT episode_id FROM applied')).toEqual([{ episode_id: event.episodeId }]);
  });
});
