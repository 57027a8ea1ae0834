import { BaseConfigSchema, loadConfig, PemCertificateFile } from '@safeguard/platform';
import { z } from 'zod';
import { parseNightHours } from './domain/night-hours.js';
import { CHANNEL_DRIVERS } from './channels/registry.js';

/** "22:00-07:00", parsed once at start. */
const nightHours = z.string().transform((s, ctx) =>
  parseNightHours(s) ?? (ctx.addIssue({ code: 'custom', message: 'hours as HH:MM-HH:MM, e.g. 22:00-07:00' }), z.NEVER));
const driverOf = (channel: 'email' | 'sms') =>
  z.enum(Object.entries(CHANNEL_DRIVERS).filter(([, d]) => d.channel === channel).map(([name]) => name) as [string, ...string[]]);

export const NotifierConfigSchema = BaseConfigSchema.extend({
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  /** BullMQ key prefix: isolates environments and test files on one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default('safeguard'),
  /** Which driver sends each channel (see channels/registry.ts). */
  EMAIL_CHANNEL: driverOf('email').default('smtp'),
  SMS_CHANNEL: driverOf('sms').default('log'),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Implicit TLS from the first byte (port 465). */
  SMTP_SECURE: z.stringbool().default(false),
  /** STARTTLS or no message: never sent in clear, even when the server (or someone in between) offers no TLS. */
  SMTP_REQUIRE_TLS: z.stringbool().default(false),
  /** The CA (PEM) of the mail server's certificate when it is not a public one. */
  SMTP_CA_FILE: PemCertificateFile.optional(),
  /** Production refuses SMTP without TLS; this allows it for a relay on the same host or pod, and nothing else. */
  SMTP_ALLOW_PLAIN_LOCAL_RELAY: z.stringbool().default(false),
  MAIL_FROM: z.string().min(3).optional(),
  /** GOV.UK Notify: the API key (key name, service id and secret), and one template per channel whose whole content is personalised. */
  NOTIFY_API_KEY: z.string().regex(/^[\w-]*[0-9a-f-]{36}-[0-9a-f-]{36}$/, 'a Notify API key (name-serviceid-secret)').optional(),
  NOTIFY_BASE_URL: z.url().default('https://api.notifications.service.gov.uk'),
  NOTIFY_EMAIL_TEMPLATE_ID: z.uuid().optional(),
  NOTIFY_SMS_TEMPLATE_ID: z.uuid().optional(),
  /** The sender of texts: Notify's inbound number, so replies (ACK 4821) come back to us. */
  NOTIFY_SMS_SENDER_ID: z.uuid().optional(),
  /** The bearer token Notify sends with delivery receipts and received texts (set in Notify's callback settings). */
  NOTIFY_CALLBACK_TOKEN: z.string().min(32).optional(),
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * Sends at once per process. Each holds a database connection while it sends (the delivery row stays locked), so
   * sends beyond what DB_POOL_SIZE leaves free wait for a connection (docs/scaling.md).
   */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(8),
  /** How often pending deliveries are re-queued and overdue receipts swept. */
  DELIVERY_RECONCILE_MS: z.coerce.number().int().positive().default(30_000),
  /** A text or Notify email with no delivery receipt this long after it was sent counts as failed ("no-receipt"). */
  RECEIPT_TIMEOUT_MINUTES: z.coerce.number().positive().max(24 * 60).default(10),
  /** When every alert also goes by text, in UK time; per council (or home, or force) by the audience scope id, as JSON {"COUNCIL-CODE": "21:00-08:00"}. */
  NIGHT_HOURS: z.string().default('22:00-07:00').pipe(nightHours),
  NIGHT_HOURS_BY_SCOPE: z.string().default('{}').transform((s, ctx) => {
    try {
      return z.record(z.string(), nightHours).parse(JSON.parse(s));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'JSON object of council code to HH:MM-HH:MM' });
      return z.NEVER;
    }
  }),
  /** Base URL of this service as recipients reach it; short, because the link goes in a text message. */
  PUBLIC_URL: z.url().max(48, 'at most 48 characters: the acknowledgement link must fit in a text message'),
  /** HMAC secret for acknowledgement links (distinct from the service-token secret). */
  ACK_LINK_SECRET: z.string().min(32),
  /** A link and a reply code last until the alert's acknowledgement deadline plus this margin. */
  ACK_LINK_MARGIN_MINUTES: z.coerce.number().int().positive().max(24 * 60).default(120),
}).superRefine((c, ctx) => {
  const need = (when: boolean, keys: (keyof typeof c)[], why: string) => {
    for (const k of keys) if (when && c[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `required ${why}` });
  };
  need(c.EMAIL_CHANNEL === 'smtp', ['SMTP_HOST', 'SMTP_PORT', 'MAIL_FROM'], 'when EMAIL_CHANNEL=smtp');
  if (c.NODE_ENV === 'production' && c.EMAIL_CHANNEL === 'smtp' && !c.SMTP_SECURE && !c.SMTP_REQUIRE_TLS && !c.SMTP_ALLOW_PLAIN_LOCAL_RELAY) {
    ctx.addIssue({ code: 'custom', path: ['SMTP_REQUIRE_TLS'], message: 'mail may go in clear: in production set SMTP_REQUIRE_TLS=true (STARTTLS) or SMTP_SECURE=true (implicit TLS), or SMTP_ALLOW_PLAIN_LOCAL_RELAY=true for a relay on this host' });
  }
  const notify = c.EMAIL_CHANNEL === 'notify-email' || c.SMS_CHANNEL === 'notify-sms';
  need(notify, ['NOTIFY_API_KEY', 'NOTIFY_CALLBACK_TOKEN'], 'when a channel is sent through GOV.UK Notify');
  need(c.EMAIL_CHANNEL === 'notify-email', ['NOTIFY_EMAIL_TEMPLATE_ID'], 'when EMAIL_CHANNEL=notify-email');
  need(c.SMS_CHANNEL === 'notify-sms', ['NOTIFY_SMS_TEMPLATE_ID'], 'when SMS_CHANNEL=notify-sms');
  for (const k of ['EMAIL_CHANNEL', 'SMS_CHANNEL'] as const) {
    if (c.NODE_ENV === 'production' && c[k] === 'log') ctx.addIssue({ code: 'custom', path: [k], message: 'the log channel reaches nobody: not in production' });
  }
});
export type NotifierConfig = ReturnType<typeof loadNotifierConfig>;
export const loadNotifierConfig = (env?: NodeJS.ProcessEnv) =>
  loadConfig(NotifierConfigSchema, { SERVICE_NAME: 'notifier', PORT: '3004', ...(env ?? process.env) });
