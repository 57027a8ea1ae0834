import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { AbsenceReported } from '@safeguard/contracts';
import { dumpTopics, eventually, intakeEvents, isolation, testInfrastructure, type Infrastructure } from '@safeguard/testing';
import { Kafka, logLevel, type Producer, type ProducerBatch } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase, openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logging.js';
import { ensureTopics } from '../src/kafka/client.js';
import { RenewingProducer } from '../src/kafka/producer.js';
import { producersRenewed } from '../src/metrics.js';
import { Outbox } from '../src/outbox/outbox.js';
import { OutboxRelay } from '../src/outbox/relay.js';

/**
 * Loses the broker's answers to the produce requests `lose` picks: the request reaches the broker, which writes the
 * batch, and the connection is cut as the answer comes back (what a client sees when a leader is fenced mid-request
 * or the network drops). Each request is one socket write whose api key (Produce = 0) follows its size; a producer
 * has one request in flight per connection, so the next data on it is that request's answer.
 */
class LostAnswers {
  lose?: (request: Buffer) => boolean;
  lost = 0;

  readonly socketFactory = ({ host, port, onConnect }: { host: string; port: number; onConnect: () => void }) => {
    const socket = net.connect({ host, port }, onConnect);
    let doomed = false;
    const write = socket.write.bind(socket) as (chunk: Buffer, ...rest: unknown[]) => boolean;
    socket.write = ((chunk: Buffer, ...rest: unknown[]) => {
      doomed = Buffer.isBuffer(chunk) && chunk.length >= 6 && chunk.readInt16BE(4) === 0 && (this.lose?.(chunk) ?? false);
      return write(chunk, ...rest);
    }) as typeof socket.write;
    const emit = socket.emit.bind(socket) as (event: string, ...args: unknown[]) => boolean;
    socket.emit = ((event: string, ...args: unknown[]) => {
      if (event === 'data' && doomed) {
        this.lost += 1;
        socket.destroy(new Error('the answer was lost'));
        return true;
      }
      return emit(event, ...args);
    }) as typeof socket.emit;
    return socket;
  };
}

describe('a send whose answer was lost does not stop later sends (real Kafka and PostgreSQL)', () => {
  const iso = isolation('producer');
  const logger = createLogger('producer-test', 'silent');
  const topic = iso.topicPrefix + AbsenceReported.topic;
  const fault = new LostAnswers();
  let infra: Infrastructure;
  let kafka: Kafka;

  const messages = (...values: string[]) => values.map((value) => ({ key: 'one-child', value }));
  const onTopic = async () => (await dumpTopics(infra.kafkaBrokers, iso.topicPrefix)).filter((r) => r.topic === topic).map((r) => r.value);
  /** Sends while every answer is lost, until the send gives up (a few retries here, about 8.5 s in a service). */
  const loseOne = async (send: () => Promise<unknown>) => {
    fault.lose = () => true;
    await expect(send()).rejects.toThrow();
    fault.lose = undefined;
  };

  /** A fresh database for one test, dropped after it. */
  const withDatabase = async (name: string, test: (ds: DataSource, url: string) => Promise<void>) => {
    const url = iso.database(infra.postgresUrl, name);
    await ensureDatabase(url);
    const ds = await openDatabase({ url, entities: [], migrations: [] });
    try {
      await test(ds, url);
    } finally {
      await ds.destroy();
      await dropDatabase(url);
    }
  };
  const events = intakeEvents({ homeId: randomUUID(), council: 'DEMO-COUNCIL', policeForce: 'DEMO-FORCE', discoveredAt: new Date() });
  /** Commits one absence report to the outbox; its event id. */
  const writeReport = (ds: DataSource, child: string) =>
    ds.transaction(async (em) => (await new Outbox('test').add(em, AbsenceReported, child, events.reportV1(child))).id);

  beforeAll(async () => {
    infra = await testInfrastructure();
    await ensureTopics(infra.kafkaBrokers, iso.topicPrefix, 1);
    kafka = new Kafka({
      clientId: iso.id, brokers: infra.kafkaBrokers, socketFactory: fault.socketFactory, logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 50, maxRetryTime: 200, retries: 2 },
    });
  });

  afterAll(() => infra?.stop());

  it('the defect: a plain idempotent producer is refused as out of order for as long as it lives', async () => {
    const plain: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await plain.connect();
    try {
      await plain.send({ topic, messages: messages('plain-1') });
      await loseOne(() => plain.send({ topic, messages: messages('plain-2') }));
      expect(fault.lost).toBeGreaterThanOrEqual(1);
      await expect(plain.send({ topic, messages: messages('plain-3', 'plain-4') })).rejects.toThrow(/out of order|sequence/i);
      // Worse: a batch as long as the lost one is taken for it, acknowledged and never written.
      await plain.send({ topic, messages: messages('plain-5') });
      const values = await onTopic();
      expect(values).toEqual(expect.arrayContaining(['plain-1', 'plain-2'])); // the lost answer's batch was written
      expect(values).not.toContain('plain-3');
      expect(values).not.toContain('plain-5');
    } finally {
      await plain.disconnect();
    }
  });

  it('a RenewingProducer goes on with a new producer, and everything it was given reaches the topic', async () => {
    const producer = new RenewingProducer(kafka, logger, 'test');
    const renewed = async () => (await producersRenewed.get()).values.find((v) => v.labels.producer === 'test')?.value ?? 0;
    await producer.connect();
    try {
      await producer.send({ topic, messages: messages('renewing-1') });
      await loseOne(() => producer.send({ topic, messages: messages('renewing-2') }));
      expect(await renewed()).toBe(1);
      await producer.send({ topic, messages: messages('renewing-3', 'renewing-4') });
      await producer.send({ topic, messages: messages('renewing-5') });
      const values = (await onTopic()).filter((v) => v.startsWith('renewing-'));
      expect(new Set(values)).toEqual(new Set(['renewing-1', 'renewing-2', 'renewing-3', 'renewing-4', 'renewing-5']));
      // The new producer's batches follow the lost one in order.
      expect(values.slice(values.indexOf('renewing-2'))).toEqual(['renewing-2', 'renewing-3', 'renewing-4', 'renewing-5']);
    } finally {
      await producer.disconnect();
    }
  });

  it('a send made while another is failing waits for it, and is not taken for its duplicate', async () => {
    const producer = new RenewingProducer(kafka, logger, 'test');
    await producer.connect();
    try {
      await producer.send({ topic, messages: messages('turn-1') });
      // Only the first send's answers are lost. Had the second gone while the first was retrying, it would take the
      // sequence number the first gave back, and the broker would acknowledge it as the first's duplicate.
      fault.lose = (request) => request.includes('turn-2');
      const lostBefore = fault.lost;
      const first = producer.send({ topic, messages: messages('turn-2') });
      await eventually(() => expect(fault.lost).toBeGreaterThan(lostBefore), { intervalMs: 2 }); // written, retrying
      const second = producer.send({ topic, messages: messages('turn-3') });
      await expect(first).rejects.toThrow();
      fault.lose = undefined;
      await second;
      const values = (await onTopic()).filter((v) => v.startsWith('turn-'));
      expect(values).toContain('turn-2');
      expect(values).toContain('turn-3');
    } finally {
      await producer.disconnect();
    }
  });

  it('the outbox relay publishes every row after answers were lost mid-send', () => withDatabase('lost', async (ds, url) => {
    const producer = new RenewingProducer(kafka, logger, 'outbox-test');
    let failedSends = 0;
    const counted = { connect: () => producer.connect(), sendBatch: (batch: ProducerBatch) => producer.sendBatch(batch).catch((e: unknown) => { failedSends += 1; throw e; }) };
    const relay = new OutboxRelay({ dataSource: ds, producer: counted, databaseUrl: url, prefix: iso.topicPrefix, logger, pollMs: 200 });
    const child = randomUUID();
    const write = () => writeReport(ds, child);
    await relay.start();
    try {
      const ids = [await write()];
      await eventually(async () => expect(await relay.pending()).toBe(0));
      // The broker writes the next row but its answers are lost until the send gives up; then a second row joins it,
      // so the relay's next batch is longer than the one the broker holds: a plain producer's numbers no longer match.
      fault.lose = () => true;
      ids.push(await write());
      await eventually(() => expect(failedSends).toBe(1));
      ids.push(await write());
      await eventually(() => expect(failedSends).toBeGreaterThanOrEqual(2));
      fault.lose = undefined;
      ids.push(await write());

      await eventually(async () => expect(await relay.pending()).toBe(0), { timeoutMs: 20_000 });
      const published = (await onTopic()).filter((v) => v.startsWith('{')).map((v) => (JSON.parse(v) as { id: string }).id);
      for (const id of ids) expect(published).toContain(id);
    } finally {
      await relay.stop();
      await producer.disconnect();
    }
  }));

  it('while Kafka cannot be reached, the relay holds no transaction open (rows stay free, connections idle)', () => withDatabase('unreachable', async (ds, url) => {
    // Connecting to nothing retries for about a second and a half each time.
    const unreachable = new Kafka({ clientId: iso.id, brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING, retry: { retries: 4, initialRetryTime: 300, maxRetryTime: 400 } });
    let attempts = 0; // producers made, one per attempt to connect
    const counting = { producer: (config: Parameters<Kafka['producer']>[0]) => { attempts += 1; return unreachable.producer(config); } } as Kafka;
    const producer = new RenewingProducer(counting, logger, 'outbox-unreachable');
    await writeReport(ds, randomUUID());
    const relay = new OutboxRelay({ dataSource: ds, producer, databaseUrl: url, prefix: iso.topicPrefix, logger, pollMs: 100 });
    const openTransactions = async () => Number((await ds.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`))[0].n);
    await relay.start();
    try {
      const seen: number[] = [];
      while (attempts < 3) {
        seen.push(await openTransactions());
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(seen.length).toBeGreaterThan(20); // sampled throughout two whole attempts to connect
      expect(Math.max(...seen)).toBe(0);
      expect(await relay.pending()).toBe(1);
    } finally {
      await relay.stop();
      await producer.disconnect();
    }
  }));

  it('a producer that could not connect is made again at the next send, and none once closed', async () => {
    const unreachable = new Kafka({ clientId: iso.id, brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 10 } });
    let made = 0;
    const counting = { producer: (config: Parameters<Kafka['producer']>[0]) => { made += 1; return unreachable.producer(config); } } as Kafka;
    const producer = new RenewingProducer(counting, logger, 'unreachable');
    await expect(producer.connect()).rejects.toThrow();
    await expect(producer.send({ topic, messages: messages('never') })).rejects.toThrow();
    expect(made).toBe(2);
    await producer.disconnect();
    // Closed: no send makes a producer again.
    await expect(producer.send({ topic, messages: messages('after-close') })).rejects.toThrow(/closed/);
    expect(made).toBe(2);
  });
});
