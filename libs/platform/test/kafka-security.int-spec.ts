import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { eventually } from '@safeguard/testing';
import type { Admin, Consumer, Producer } from 'kafkajs';
import { pino } from 'pino';
import { createKafka, kafkaSecurityFromEnv } from '../src/kafka/client.js';
import { PLAINTEXT, type KafkaSecuritySettings } from '../src/kafka/kafka-security.js';

/**
 * The platform's Kafka client against a real broker that takes only SASL_SSL (SCRAM over TLS): the second broker
 * from infra/kafka (`kafka.sh start-secure`), started here if it is not running and stopped again if it was.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const kafkaSh = `${root}infra/kafka/kafka.sh`;
const stateDir = process.env.KAFKA_SECURE_HOME_DIR ?? `${root}.run/kafka-secure`;

/** The broker's client settings as kafka.sh wrote them (KAFKA_BROKERS, KAFKA_SSL*, KAFKA_SASL*). */
const clientEnv = (): Record<string, string> => Object.fromEntries(
  readFileSync(`${stateDir}/client.env`, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

/** Everything kafkajs logs through the platform's logger, to look for credentials in. */
const logLines: string[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });

describe('Kafka over SASL_SSL through the platform client (real broker with SCRAM and TLS)', () => {
  let startedHere = false;
  let brokers: string[];
  let security: KafkaSecuritySettings;
  let password: string;
  let admin: Admin;
  const topic = `security-${randomUUID()}`;
  const open: (Producer | Consumer | Admin)[] = [];

  /** A client that does not retry: each case here expects an answer, or a refusal, at once. */
  const client = (s: KafkaSecuritySettings) => createKafka({ brokers, clientId: `security-${randomUUID().slice(0, 8)}`, security: s, retry: { retries: 0 } }, logger);
  const refusal = async (s: KafkaSecuritySettings): Promise<Error> => {
    const a = client(s).admin();
    try {
      await a.connect();
      await a.describeCluster();
    } catch (e) {
      return e as Error;
    } finally {
      await a.disconnect().catch(() => undefined);
    }
    throw new Error('the broker answered a client it should have refused');
  };

  beforeAll(async () => {
    if (!(await run('bash', [kafkaSh, 'status-secure']).then(() => true, () => false))) {
      startedHere = true; // stopped again even if the start gives up half-way
      await run('bash', [kafkaSh, 'start-secure'], { timeout: 280_000 });
    }
    const env = clientEnv();
    brokers = env.KAFKA_BROKERS!.split(',');
    password = env.KAFKA_SASL_PASSWORD!;
    // Read as a production service reads them: TLS with the private CA, SCRAM-SHA-512.
    security = kafkaSecurityFromEnv({ ...env, NODE_ENV: 'production' });
    admin = createKafka({ brokers, clientId: 'security-admin', security }, logger).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  }, 300_000);

  afterAll(async () => {
    await Promise.all(open.map((c) => c.disconnect().catch(() => undefined)));
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
    if (startedHere) await run('bash', [kafkaSh, 'stop-secure']);
  }, 60_000);

  const roundTrip = async (s: KafkaSecuritySettings) => {
    const kafka = createKafka({ brokers, clientId: `security-${s.KAFKA_SASL_MECHANISM}`, security: s }, logger);
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: `security-${randomUUID()}` });
    open.push(producer, consumer);
    const received: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
    await producer.connect();
    const value = `over ${s.KAFKA_SASL_MECHANISM} ${randomUUID()}`;
    await producer.send({ topic, messages: [{ key: 'k', value }] });
    await eventually(() => expect(received).toContain(value), { timeoutMs: 60_000 });
  };

  it('produces and consumes over TLS with SCRAM-SHA-512 and the right credentials', async () => {
    await roundTrip(security);
  });

  it('also speaks SCRAM-SHA-256 when configured for it', async () => {
    await roundTrip({ ...security, KAFKA_SASL_MECHANISM: 'scram-sha-256' });
  });

  it('refuses a wrong password with a SASL authentication error, and no password reaches the log', async () => {
    const wrong = `${password}-wrong`;
    const error = await refusal({ ...security, KAFKA_SASL_PASSWORD: wrong });
    expect(error.name).toBe('KafkaJSSASLAuthenticationError');
    expect(error.message).toMatch(/SASL SCRAM SHA512 authentication failed/);
    expect(error.message).not.toContain(wrong);
    const log = logLines.join('');
    expect(log).toContain('authentication failed'); // the refusal was logged, so the search below looked at something
    expect(log).not.toContain(password);
  });

  it('refuses an unknown user the same way', async () => {
    const error = await refusal({ ...security, KAFKA_SASL_USERNAME: 'somebody-else' });
    expect(error.name).toBe('KafkaJSSASLAuthenticationError');
  });

  it('refuses a plaintext connection to the TLS port (the broker closes it)', async () => {
    const error = await refusal(PLAINTEXT);
    expect(error.message).toBe('Closed connection');
  });

  it('refuses TLS without SASL credentials (the broker closes the connection before any request)', async () => {
    const error = await refusal({ ...security, KAFKA_SASL_MECHANISM: 'none', KAFKA_SASL_USERNAME: undefined, KAFKA_SASL_PASSWORD: undefined });
    expect(error.message).toBe('Closed connection');
  });

  it('refuses to talk to a broker whose certificate it does not trust (no private CA: the system CAs only)', async () => {
    const error = await refusal({ ...security, KAFKA_SSL_CA_FILE: undefined });
    expect(error.message).toBe('Connection error: self-signed certificate in certificate chain');
  });
});
