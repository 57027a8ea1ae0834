import { BaseConfigSchema, loadConfig } from '@safeguard/platform';
import { z } from 'zod';

export const TrackerConfigSchema = BaseConfigSchema.extend({
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default('safeguard'),
  TIMER_RECONCILE_MS: z.coerce.number().int().min(100).default(30_000),
  /** Comma-separated JSON policy files (one per council, or "*" for the default); empty: the built-in default. */
  ESCALATION_POLICY_FILES: z.string().default('').transform((s) => s.split(',').map((f) => f.trim()).filter(Boolean)),
});
export type TrackerConfig = ReturnType<typeof loadTrackerConfig>;
export const loadTrackerConfig = (env?: NodeJS.ProcessEnv) =>
  loadConfig(TrackerConfigSchema, { SERVICE_NAME: 'episode-tracker', PORT: '3003', ...(env ?? process.env) });
