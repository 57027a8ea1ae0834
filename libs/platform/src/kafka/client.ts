import { Kafka, logLevel, type Admin, type ITopicConfig, type RetryOptions } from 'kafkajs';
import type { Logger } from 'pino';
import { z } from 'zod';
import { TOPIC_PARTITIONS, TOPIC_REPLICAS, topicSpecs } from '@safeguard/contracts';
import { ConfigError } from '../config.js';
import {
  KafkaSecurityFields, PLAINTEXT, kafkaConnectionOptions, kafkaSecurityProblems, type KafkaSecuritySettings,
} from './kafka-security.js';

export * from './kafka-security.js';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Prefix for topics and groups (environments, test isolation). */
  prefix?: string;
  /** TLS and SASL (the KAFKA_SSL* and KAFKA_SASL* settings; a service passes its config). Plaintext when absent. */
  security?: KafkaSecuritySettings;
  /** kafkajs's retry of connections and requests; probes and tests that expect a refusal retry less. */
  retry?: RetryOptions;
}

/**
 * Retries at most a second apart, 11 of them (about 8.5 s in all): the budget of every connection, metadata and group
 * coordinator lookup, and of producers and admin; a consumer's own loop takes 5 of them (kafkajs's default count).
 * When a cluster node is killed, a consumer whose group coordinator it was keeps asking the dead node until these run
 * out, then restarts and finds the new coordinator: at kafkajs's default spacing (doubling up to 30 s) that took 20 s
 * or more; now about as long as the cluster takes to fence the node (6 s, infra/kafka/server-cluster.properties).
 * A send may now run out of retries during a failover; its producer is then replaced (producer.ts).
 */
const KAFKA_RETRY: RetryOptions = { initialRetryTime: 100, maxRetryTime: 1_000, retries: 11 };

/**
 * A kafkajs client whose own log lines go through pino at warn and above (the message and the broker only, so
 * credentials never reach a log). Refuses (ConfigError) security settings that do not fit together.
 */
export function createKafka(settings: KafkaSettings, logger?: Logger): Kafka {
  const security = settings.security ?? PLAINTEXT;
  const problems = kafkaSecurityProblems(security);
  if (problems.length > 0) throw new ConfigError(problems);
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    ...kafkaConnectionOptions(security),
    retry: settings.retry ?? KAFKA_RETRY,
    logLevel: logLevel.WARN,
    logCreator: () => ({ level, log }) => {
      if (!logger) return;
      const { message, ...extra } = log;
      const fn = level <= logLevel.ERROR ? logger.error.bind(logger) : logger.warn.bind(logger);
      fn({ kafka: extra.broker ?? extra.groupId }, `kafkajs: ${message}`);
    },
  });
}

const KafkaSecurityEnv = z.object({ NODE_ENV: z.enum(['development', 'test', 'production']).optional(), ...KafkaSecurityFields });

/** The security settings from the environment, for scripts outside a service (npm run topics); same rules. */
export function kafkaSecurityFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaSecuritySettings {
  const parsed = KafkaSecurityEnv.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const problems = kafkaSecurityProblems(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}

/** Waits until the broker answers describeCluster (an open port is not enough). */
export async function waitForKafka(brokers: string[], timeoutMs = 60_000, security?: KafkaSecuritySettings): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const admin = createKafka({ brokers, clientId: 'safeguard-ready', security }).admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
  throw new Error(`Kafka at ${brokers.join(',')} did not answer describeCluster: ${String(lastError)}`);
}

/** Partitions and replicas are declared beside the topics in libs/contracts, which the AsyncAPI document reads. */
export { TOPIC_PARTITIONS, TOPIC_REPLICAS } from '@safeguard/contracts';

/**
 * Creates every contract topic and its .dlq twin (idempotent) and waits until each partition has a leader. `replicas`
 * is 1 for the single development broker and 3 for the cluster (infra/kafka/cluster.sh); an existing topic keeps its own.
 */
export async function ensureTopics(
  brokers: string[], prefix = '', partitions = TOPIC_PARTITIONS, security?: KafkaSecuritySettings, replicas = TOPIC_REPLICAS,
): Promise<string[]> {
  const admin: Admin = createKafka({ brokers, clientId: 'safeguard-topics', security }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topicSpecs(prefix);
    const topics: ITopicConfig[] = wanted
      .filter((t) => !existing.has(t.name))
      .map((t) => ({
        topic: t.name,
        numPartitions: partitions,
        replicationFactor: replicas,
        configEntries: t.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      }));
    if (topics.length > 0) await admin.createTopics({ topics, waitForLeaders: false });
    // A broker that has just started takes a moment to elect leaders for many new partitions; wait for every one
    // (kafkajs's own wait gives up with "does not host this topic-partition").
    const names = wanted.map((t) => t.name);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = await admin.fetchTopicMetadata({ topics: names })
        .then((m) => m.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
        .catch(() => false);
      if (ready) return names;
      if (Date.now() > deadline) throw new Error(`Kafka topics ${prefix}* have no leaders after 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await admin.disconnect();
  }
}
