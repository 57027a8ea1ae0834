import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { dropDatabase, ensureTopics, type Audience, type Signee } from '@safeguard/platform';
import { fastPolicyFile } from './fast-policy.js';
import { isolation, serviceEnv, TEST_PARTITIONS, testInfrastructure, TestTokens, type Infrastructure } from './infrastructure.js';
import { freePort, ServiceProcess } from './processes.js';
import { NOTIFY_TEMPLATES, NotifyStandIn } from './notify-stand-in.js';
import { SmtpSink } from './smtp-sink.js';

const run = promisify(execFile);
const BACKEND = ['intake', 'risk-scoring', 'episode-tracker', 'notifier'] as const;
type Service = (typeof BACKEND)[number] | 'web';

export interface Stack {
  /** A service token for `audience`, signed as the web console signs it for this person. */
  token(audience: Audience, who: Signee, lifetimeSeconds?: number): Promise<string>;
  /** The signing key the web console was given (for scripts that sign as the admin tools do). */
  signingKey: string;
  topicPrefix: string;
  kafkaBrokers: string[];
  sink: SmtpSink;
  /** GOV.UK Notify, which sends the text messages. */
  notify: NotifyStandIn;
  url(service: Service): string;
  databaseUrl(service: Service): string;
  /** The running process of a service (to kill and restart it): its first replica. */
  process(service: Service): ServiceProcess;
  /** Every replica of a service, the first (the one `url` reaches) first. */
  replicas(service: Service): ServiceProcess[];
  /** Every service process's log file. */
  logFiles(): string[];
  /** Resident memory of each service process, in MiB. */
  rss(): Record<string, number>;
  stop(): Promise<void>;
}

/**
 * The whole system as real processes on real infrastructure, isolated for one test file (own databases, topic
 * prefix, queue prefix) with an in-process SMTP server; seeded with the demo council.
 */
export async function startStack(label: string, options: {
  fastPolicy?: boolean | Record<string, unknown>; web?: boolean; partitions?: number; notify?: ConstructorParameters<typeof NotifyStandIn>[1];
  /** Replicas per topic: 3 on the three-node cluster (infra/kafka/cluster.sh). */
  topicReplicas?: number;
  /** Processes per backend service, on the same databases and consumer groups (2: the replica tests and chaos). */
  serviceReplicas?: number;
  /** Extra environment per service, over the defaults; as a function, it is given each service's URL (ports are chosen here). */
  env?: Partial<Record<Service, Record<string, string> | ((url: (service: Service) => string) => Record<string, string>)>>;
} = {}): Promise<Stack> {
  const iso = isolation(label);
  const infra: Infrastructure = await testInfrastructure();
  const sink = await new SmtpSink().start();
  await ensureTopics(infra.kafkaBrokers, iso.topicPrefix, options.partitions ?? TEST_PARTITIONS, undefined, options.topicReplicas);
  const tokens = await TestTokens.create();
  const ports = Object.fromEntries(await Promise.all([...BACKEND, 'web'].map(async (s) => [s, await freePort()] as const))) as Record<Service, number>;
  const callbackToken = `${label}-notify-callback-token-at-least-32-chars`;
  const notify = await new NotifyStandIn({
    bearerToken: callbackToken, deliveryReceiptUrl: `http://127.0.0.1:${ports.notifier}/notify/delivery-receipts`,
    receivedTextUrl: `http://127.0.0.1:${ports.notifier}/notify/received-texts`,
  }, options.notify).start();
  // Two replicas of four services at 15 connections each would pass PostgreSQL's 100 (docs/scaling.md).
  const pool: Record<string, string> = (options.serviceReplicas ?? 1) > 1 ? { DB_POOL_SIZE: '8' } : {};
  const env = (service: string): Record<string, string> => ({
    ...serviceEnv(iso, infra, service, tokens), TIMER_RECONCILE_MS: '500', ...pool,
    ...(service === 'web' ? { SERVICE_TOKEN_SIGNING_KEY: tokens.signingKey } : {}),
    SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), MAIL_FROM: 'Safeguard alerts <alerts@safeguard.example>',
    PUBLIC_URL: `http://127.0.0.1:${ports.notifier}`, ACK_LINK_SECRET: `${label}-ack-link-secret-at-least-32-characters`,
    ...notifyEnv(notify, callbackToken),
    INTAKE_URL: `http://127.0.0.1:${ports.intake}`, TRACKER_URL: `http://127.0.0.1:${ports['episode-tracker']}`, COOKIE_SECURE: 'false',
    LIVE_POLL_MS: '500', ...(options.fastPolicy ? { ESCALATION_POLICY_FILES: fastPolicyFile(options.fastPolicy === true ? {} : options.fastPolicy) } : {}),
    ...((extra) => (typeof extra === 'function' ? extra((s) => `http://127.0.0.1:${ports[s]}`) : extra))(options.env?.[service as Service]),
  });
  const services: Service[] = [...BACKEND, ...(options.web ? (['web'] as const) : [])];
  const procs: ServiceProcess[] = [];
  for (const s of ['intake', 'notifier', ...(options.web ? ['web'] : [])]) {
    await run(process.execPath, [`services/${s}/dist/seed.js`], { env: { ...process.env, ...env(s) } });
  }
  for (const s of services) procs.push(await new ServiceProcess(s, ports[s], env(s), iso.id).start());
  // Further replicas: their own port and log folder, everything else shared (database, consumer group, queues).
  for (let i = 2; i <= (options.serviceReplicas ?? 1); i++) {
    for (const s of BACKEND) procs.push(await new ServiceProcess(s, await freePort(), env(s), `${iso.id}/replica-${i}`).start());
  }
  return {
    token: (audience, who, lifetimeSeconds) => tokens.token(audience, who, lifetimeSeconds),
    signingKey: tokens.signingKey,
    topicPrefix: iso.topicPrefix,
    kafkaBrokers: infra.kafkaBrokers,
    sink,
    notify,
    url: (s) => `http://127.0.0.1:${ports[s]}`,
    databaseUrl: (s) => iso.database(infra.postgresUrl, s),
    process: (s) => procs.find((p) => p.service === s)!,
    replicas: (s) => procs.filter((p) => p.service === s),
    logFiles: () => procs.map((p) => p.logFile),
    rss: () => Object.fromEntries(procs.map((p, i) => {
      const status = p.pid ? readFileSync(`/proc/${p.pid}/status`, 'utf8') : '';
      const replica = procs.slice(0, i).filter((q) => q.service === p.service).length;
      return [replica ? `${p.service}#${replica + 1}` : p.service, Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)];
    })),
    stop: async () => {
      await Promise.all(procs.map((p) => p.stop()));
      await sink.stop();
      await notify.stop();
      for (const s of services) await dropDatabase(iso.database(infra.postgresUrl, s)).catch(() => undefined);
      await infra.stop();
    },
  };
}

/** The notifier's settings for sending texts through the stand-in (email stays on the SMTP sink). */
export const notifyEnv = (notify: NotifyStandIn, callbackToken: string): Record<string, string> => ({
  SMS_CHANNEL: 'notify-sms', NOTIFY_BASE_URL: notify.url, NOTIFY_API_KEY: notify.apiKey, NOTIFY_CALLBACK_TOKEN: callbackToken,
  NOTIFY_SMS_TEMPLATE_ID: NOTIFY_TEMPLATES.find((t) => t.type === 'sms')!.id, NOTIFY_EMAIL_TEMPLATE_ID: NOTIFY_TEMPLATES.find((t) => t.type === 'email')!.id,
});
