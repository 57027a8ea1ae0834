import { BaseConfigSchema, loadConfig } from '@safeguard/platform';
import { z } from 'zod';

export const NotifierConfigSchema = BaseConfigSchema.extend({
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  /** BullMQ key prefix: isolates environments and test files on one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default('safeguard'),
  SMTP_HOST: z.string().min(1),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535),
  SMTP_SECURE: z.stringbool().default(false),
  MAIL_FROM: z.string().min(3),
  /** Base URL of this service as recipients reach it, for acknowledgement links. */
  PUBLIC_URL: z.url(),
  /** HMAC secret for acknowledgement links (distinct from the service-token secret). */
  ACK_LINK_SECRET: z.string().min(32),
  ACK_LINK_TTL_HOURS: z.coerce.number().int().positive().default(72),
});
export type NotifierConfig = ReturnType<typeof loadNotifierConfig>;
export const loadNotifierConfig = (env?: NodeJS.ProcessEnv) =>
  loadConfig(NotifierConfigSchema, { SERVICE_NAME: 'notifier', PORT: '3004', ...(env ?? process.env) });
