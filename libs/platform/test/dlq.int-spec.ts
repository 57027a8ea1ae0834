import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AbsenceReportedV2, buildEnvelope, dlqTopicOf, type DataOf } from '@safeguard/contracts';
import { eventually, isolation, testInfrastructure, TEST_PARTITIONS, type Infrastructure } from '@safeguard/testing';
import type { Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { applyOnce } from '../src/inbox/inbox.js';
import { dropDatabase, ensureDatabase, openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logging.js';
import { createKafka, ensureTopics } from '../src/kafka/client.js';
import { KafkaEventServer } from '../src/kafka/event-server.js';

/**
 * `npm run dlq` end to end, on the real broker and PostgreSQL, through the real event server and inbox.
 *
 * The story: a consumer keeps its own copy of the homes it alerts for (as the tracker keeps child profiles from
 * intake's events). A report for a home it has never heard of fails its handler until the attempts run out and is
 * dead-lettered: the event is valid, a dependency was missing. The operator puts the home right, then redrives;
 * the report is applied once, and redriving it again changes nothing. A schema-invalid message (an unknown field
 * carrying a name) lands in the same dead-letter topic, is listed without its payload and is never redriven.
 */
const script = fileURLToPath(new URL('../../../scripts/dlq.mjs', import.meta.url));
const run = promisify(execFile);

const NAME = 'Amina Example'; // a personal field a poisoned message should never have carried

const report = (childId: string, homeId: string): DataOf<typeof AbsenceReportedV2> => ({
  episodeId: randomUUID(), episodeReference: 'MFC-2026-000017', childId, homeId, placingCouncil: 'DEMO-COUNCIL',
  policeForce: 'DEMO-FORCE', classification: 'M', lastSeenAt: new Date().toISOString(), discoveredAt: new Date().toISOString(),
  reportedAt: new Date().toISOString(), ageAtDiscovery: 15, circumstances: [], childProfileVersion: 1,
});

describe('npm run dlq: list, show and redrive a dead-letter topic (real Kafka and PostgreSQL)', () => {
  const iso = isolation('dlq');
  const logger = createLogger('dlq-test', 'silent');
  const topic = iso.topicPrefix + AbsenceReportedV2.topic;
  const dlq = dlqTopicOf(AbsenceReportedV2.topic);
  let infra: Infrastructure;
  let url: string;
  let ds: DataSource;
  let producer: Producer;
  let server: KafkaEventServer;
  const applied: string[] = [];

  const cli = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const env = { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers.join(','), KAFKA_TOPIC_PREFIX: iso.topicPrefix };
    try {
      const { stdout, stderr } = await run(process.execPath, ['--disable-warning=TimeoutNegativeWarning', script, ...args], { env });
      return { code: 0, out: stdout, err: stderr };
    } catch (e) {
      const failed = e as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout, err: failed.stderr };
    }
  };
  const rowOf = (out: string, eventId: string): string => out.split('\n').find((l) => l.includes(eventId)) ?? '';
  const positionIn = (row: string): string => row.split(/\s+/)[0]!;

  beforeAll(async () => {
    infra = await testInfrastructure();
    url = iso.database(infra.postgresUrl, 'dlq');
    await ensureDatabase(url);
    ds = await openDatabase({ url, entities: [], migrations: [] });
    await ds.query('CREATE TABLE known_home (id uuid PRIMARY KEY)');
    await ensureTopics(infra.kafkaBrokers, iso.topicPrefix, TEST_PARTITIONS);
    const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: iso.id }, logger);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    server = new KafkaEventServer({ kafka, groupId: `${iso.topicPrefix}tracker`, prefix: iso.topicPrefix, logger, maxAttempts: 2, maxBackoffMs: 50 });
    server.addHandler(AbsenceReportedV2.topic, async (envelope: { id: string; data: { episodeId: string; homeId: string } }) => {
      await applyOnce(ds, 'tracker', envelope as never, async (em) => {
        const [home] = await em.query('SELECT id FROM known_home WHERE id = $1', [envelope.data.homeId]);
        if (!home) throw new Error(`home ${envelope.data.homeId} is not known here`);
        applied.push(envelope.data.episodeId);
      });
    }, true);
    await new Promise<void>((resolve, reject) => {
      void server.listen((e?: unknown) => (e ? reject(e) : resolve()));
    });
  });

  afterAll(async () => {
    await server?.close();
    await producer?.disconnect();
    await ds?.destroy();
    await dropDatabase(url);
    await infra?.stop();
  });

  const child = randomUUID();
  const home = randomUUID();
  const stuck = report(child, home);
  let stuckEnvelope: ReturnType<typeof buildEnvelope<typeof AbsenceReportedV2>>;
  let poisonId: string;

  it('lands a poisoned and a failing event in the dead-letter topic with their reasons; list shows ids, never the payload', async () => {
    const poison = buildEnvelope(AbsenceReportedV2, child, report(child, home), { source: 'test' });
    poisonId = poison.id;
    stuckEnvelope = buildEnvelope(AbsenceReportedV2, child, stuck, { source: 'test' });
    await producer.send({
      topic,
      messages: [
        { key: child, value: JSON.stringify({ ...poison, data: { ...poison.data, childName: NAME } }) },
        { key: child, value: JSON.stringify(stuckEnvelope) },
      ],
    });

    const topics = await eventually(async () => {
      const r = await cli('list');
      expect(r.out).toMatch(new RegExp(`${dlq.replace(/\./g, '\\.')}\\s+2\\s+2\\s+\\d{4}-`));
      return r.out;
    });
    expect(topics).not.toContain(AbsenceReportedV2.topic + ' '); // only .dlq topics are listed

    const { out, code } = await cli('list', dlq);
    expect(code).toBe(0);
    expect(out).toContain(`${dlq}: 2 entries`);
    expect(rowOf(out, poisonId)).toMatch(/invalid: .*childName/);
    expect(rowOf(out, poisonId)).toContain(child);
    expect(rowOf(out, stuckEnvelope.id)).toContain(`handler failed 2 times: home ${home} is not known here`);
    expect(rowOf(out, stuckEnvelope.id)).toContain(AbsenceReportedV2.type);
    expect(rowOf(out, stuckEnvelope.id)).toContain('pending');
    expect(out).not.toContain(NAME);
    expect(applied).toEqual([]);
  });

  it('shows one entry in full with its reason and where it came from, and says the payload may break its contract', async () => {
    const position = positionIn(rowOf((await cli('list', dlq)).out, poisonId));
    const { out, err, code } = await cli('show', dlq, position);
    expect(code).toBe(0);
    expect(out).toContain(`reason:           invalid: ${AbsenceReportedV2.topic}`);
    expect(out).toMatch(new RegExp(`from ${topic.replace(/\./g, '\\.')}:\\d+@\\d+`));
    expect(out).toContain(`"id": "${poisonId}"`);
    expect(out).toContain(NAME); // show is the one place the whole message is printed: hence the warning
    expect(err).toContain('do not copy it into tickets');
    expect((await cli('show', dlq, '99:0')).code).toBe(2);
  });

  it('a dry run redrives nothing and moves no mark; after the fix the event is applied once; again changes nothing', async () => {
    const dry = await cli('redrive', dlq, '--all', '--dry-run');
    expect(dry.out).toContain(`would redrive ${positionIn(rowOf((await cli('list', dlq)).out, stuckEnvelope.id))}`);
    expect(dry.out).toMatch(/skip .* still invalid/);
    expect(dry.out).toContain('would redrive 1, skipped 1');
    expect((await cli('list', dlq)).out).not.toContain('done');

    // The fix: the home becomes known (here by hand; in the system, by replaying what it missed).
    await ds.query('INSERT INTO known_home (id) VALUES ($1)', [home]);
    const first = await cli('redrive', dlq, '--all');
    expect(first.code).toBe(0);
    expect(first.out).toContain('redrove 1, skipped 1');
    await eventually(() => expect(applied).toEqual([stuck.episodeId]));
    const after = (await cli('list', dlq)).out;
    expect(rowOf(after, stuckEnvelope.id)).toContain('done');
    expect(rowOf(after, poisonId)).toContain('done');

    // A second --all finds nothing past its mark; naming the entry sends it again, and the inbox drops it.
    expect((await cli('redrive', dlq, '--all')).out).toContain('nothing to redrive');
    const again = await cli('redrive', dlq, positionIn(rowOf(after, stuckEnvelope.id)));
    expect(again.out).toContain('redrove 1, skipped 0');
    const marker = report(child, home);
    await producer.send({ topic, messages: [{ key: child, value: JSON.stringify(buildEnvelope(AbsenceReportedV2, child, marker, { source: 'test' })) }] });
    await eventually(() => expect(applied).toContain(marker.episodeId)); // same partition: the repeat came before it
    expect(applied).toEqual([stuck.episodeId, marker.episodeId]);
    expect((await cli('list')).out).toMatch(new RegExp(`${dlq.replace(/\./g, '\\.')}\\s+2\\s+0\\s`)); // nothing new dead-lettered
  });

  it('refuses a redrive that names neither --all nor positions, or both, naming what to give', async () => {
    const none = await cli('redrive', dlq);
    expect(none.code).toBe(2);
    expect(none.err).toContain('give either --all or <partition>:<offset>');
    expect((await cli('redrive', dlq, '--all', '0:0')).code).toBe(2);
    expect((await cli('redrive', dlq, 'zero')).err).toContain('position: expected <partition>:<offset>, got zero');
  });
});
