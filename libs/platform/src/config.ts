import { z } from 'zod';
import { PublicKeysSetting } from './auth/service-token.js';
import { refuseInProduction } from './secrets.js';
import { KafkaSecurityFields } from './kafka/kafka-security.js';

/** Thrown at start when configuration is missing or invalid; names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number().int().min(0).max(65535);
const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** Variables every service reads. Services extend this with their own. */
export const BaseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  SERVICE_NAME: z.string().min(1),
  PORT: port,
  /** 127.0.0.1 on a workstation; 0.0.0.0 in a container. */
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  KAFKA_BROKERS: list.pipe(z.array(z.string().regex(/^[^:]+:\d+$/)).min(1)),
  /** Prefix for every topic and consumer group: isolates environments and test files. */
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-z0-9.-]*$/).default(''),
  /** TLS and SASL/SCRAM to the broker (kafka/kafka-security.ts). */
  ...KafkaSecurityFields,
  /** The public keys (a JWK set) whose service tokens this service accepts; it can verify, never sign. */
  SERVICE_TOKEN_PUBLIC_KEYS: PublicKeysSetting,
  /** Who may issue service tokens: the web console, and the admin tools when they hold their own key. */
  SERVICE_TOKEN_ISSUERS: list.default(['safeguard-web']),
  /**
   * Connections this process may hold to its database (docs/scaling.md): 8 event handlers, 4 timer workers, the relay
   * and its tidying, retention, health checks and HTTP requests at once. Replicas × this, over every service, must stay
   * under PostgreSQL's max_connections (100 by default).
   */
  DB_POOL_SIZE: z.coerce.number().int().min(4).max(200).default(15),
  /** At most this many consumed events of one partition per transaction (1: each event on its own). */
  EVENT_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(64),
  /**
   * How long the machinery keeps its rows (retention.ts). An inbox claim must outlive every redelivery of its event,
   * so by default it outlives the topics' own retention (7 days, the brokers' log.retention.hours) by a day; published
   * outbox rows are kept a day for inspection; settled timers a week.
   */
  INBOX_KEEP_SECONDS: z.coerce.number().int().positive().default(8 * 86_400),
  OUTBOX_KEEP_SECONDS: z.coerce.number().int().positive().default(86_400),
  TIMER_KEEP_SECONDS: z.coerce.number().int().positive().default(7 * 86_400),
  RETENTION_EVERY_SECONDS: z.coerce.number().int().positive().default(600),
});
export type BaseConfig = z.infer<typeof BaseConfigSchema>;

/** Validates the environment against a schema, failing fast with each variable's name. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) {
    const problems = refuseInProduction(parsed.data as Record<string, unknown>);
    if (problems.length > 0) throw new ConfigError(problems);
    return parsed.data;
  }
  throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
}

/** Reads one optional variable for scripts and tests that sit outside a service. */
export const readEnv = (name: string): string | undefined => process.env[name];

/** Demo data (fictional people, console accounts with a shared password) is never written in production. */
export function refuseDemoDataInProduction(what: string, nodeEnv = process.env.NODE_ENV): void {
  if (nodeEnv === 'production') throw new ConfigError([`NODE_ENV: ${what} is demo data and is never seeded in production`]);
}
