import { randomBytes } from 'node:crypto';
import type * as Testcontainers from 'testcontainers';
import { CONTAINER_IMAGES, KAFKA_STARTED, kafkaContainerSettings } from './containers.js';
import { generateServiceTokenKeys, readEnv, serviceTokenSigner, type Audience, type Signee, type SignServiceToken } from '@safeguard/platform';

export interface Infrastructure {
  /** A PostgreSQL URL whose database part each test file replaces with its own. */
  postgresUrl: string;
  redisUrl: string;
  kafkaBrokers: string[];
  stop(): Promise<void>;
}

/**
 * Real infrastructure for integration tests: from DATABASE_URL / REDIS_URL / KAFKA_BROKERS when set (CI and
 * machines without Docker), otherwise from testcontainers where a Docker engine answers.
 */
export async function testInfrastructure(): Promise<Infrastructure> {
  const db = readEnv('DATABASE_URL');
  const redis = readEnv('REDIS_URL');
  const kafka = readEnv('KAFKA_BROKERS');
  if (db && redis && kafka) {
    return { postgresUrl: db, redisUrl: redis, kafkaBrokers: kafka.split(','), stop: async () => undefined };
  }
  return fromContainers();
}

async function fromContainers(): Promise<Infrastructure> {
  let tc: typeof Testcontainers;
  try {
    tc = await import('testcontainers');
    await tc.getContainerRuntimeClient();
  } catch (error) {
    throw new Error(
      'No DATABASE_URL/REDIS_URL/KAFKA_BROKERS set and no Docker engine for testcontainers: ' +
        `run the tests with scripts/test.sh, which starts the local stack (${(error as Error).message})`,
      { cause: error },
    );
  }
  const pg = await new tc.GenericContainer(CONTAINER_IMAGES.postgres).withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432).withWaitStrategy(tc.Wait.forLogMessage(/ready to accept connections/, 2)).start();
  const rd = await new tc.GenericContainer(CONTAINER_IMAGES.redis).withExposedPorts(6379).start();
  const kafka = await startKafka(tc);
  return {
    postgresUrl: `postgres://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/postgres`,
    redisUrl: `redis://${rd.getHost()}:${rd.getMappedPort(6379)}`,
    kafkaBrokers: kafka.brokers,
    stop: async () => {
      await Promise.all([pg.stop(), rd.stop(), kafka.container.stop()]);
    },
  };
}

/**
 * Kafka tells clients where to reconnect (the advertised listener), so it must know its host port before it starts.
 * The port is picked free on this machine just before start (testcontainers' own RandomPortGenerator, get-port)
 * rather than fixed, so parallel test files each get their own broker; if another process takes it in the moment
 * between, Docker refuses the binding and a fresh port is tried. (The other known way, a start-up script that waits
 * for the mapped port to be written into the container, needs a custom entrypoint around the image's own.)
 */
async function startKafka(tc: typeof Testcontainers) {
  const host = (await tc.getContainerRuntimeClient()).info.containerRuntime.host;
  for (let attempt = 1; ; attempt++) {
    const settings = kafkaContainerSettings(host, await new tc.RandomPortGenerator().generatePort());
    try {
      const container = await new tc.GenericContainer(settings.image).withEnvironment(settings.environment)
        .withExposedPorts(...settings.ports).withWaitStrategy(tc.Wait.forLogMessage(KAFKA_STARTED)).withStartupTimeout(120_000).start();
      return { container, brokers: settings.brokers };
    } catch (error) {
      if (attempt >= 3 || !/already (allocated|in use)|address in use/i.test((error as Error).message)) throw error;
    }
  }
}

/** Names that keep one test file's data apart from every other's: databases, topics, groups, queues. */
export function isolation(label: string) {
  const id = `${label.replace(/[^a-z0-9]/g, '').slice(0, 12)}${randomBytes(3).toString('hex')}`;
  return {
    id,
    topicPrefix: `t-${id}.`,
    queuePrefix: `t-${id}`,
    database: (postgresUrl: string, service: string) => {
      const url = new URL(postgresUrl);
      url.pathname = `/t_${id}_${service.replace(/-/g, '_')}`;
      return url.toString();
    },
  };
}

/** Partitions per topic in tests: enough to exercise parallel partitions, few enough to start quickly. */
export const TEST_PARTITIONS = 3;

/** A fresh service-token key pair for one test file: the test signs as the web console would. */
export class TestTokens {
  private constructor(readonly signingKey: string, readonly publicKeys: string, private readonly signer: SignServiceToken) {}

  static async create(): Promise<TestTokens> {
    const keys = await generateServiceTokenKeys('test');
    return new TestTokens(keys.signingKey, keys.publicKeys, await serviceTokenSigner(keys.signingKey));
  }

  /** A token for one service, on behalf of this person. */
  token(audience: Audience, who: Signee, lifetimeSeconds?: number): Promise<string> {
    return this.signer(who, audience, lifetimeSeconds);
  }
}

/** What every service needs to run inside one test file's isolation: its own database, topics and queues. */
export function serviceEnv(
  iso: ReturnType<typeof isolation>, infra: Infrastructure, database: string, tokens: TestTokens,
): Record<string, string> {
  return {
    DATABASE_URL: iso.database(infra.postgresUrl, database), KAFKA_BROKERS: infra.kafkaBrokers.join(','), KAFKA_TOPIC_PREFIX: iso.topicPrefix,
    SERVICE_TOKEN_PUBLIC_KEYS: tokens.publicKeys, REDIS_URL: infra.redisUrl, QUEUE_PREFIX: iso.queuePrefix,
  };
}
