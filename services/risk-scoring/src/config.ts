import { BaseConfigSchema, loadConfig } from '@safeguard/platform';
import { z } from 'zod';

export const RiskConfigSchema = BaseConfigSchema.extend({
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default('safeguard'),
  /** How often pending re-assessments are checked (tests shorten it). */
  TIMER_RECONCILE_MS: z.coerce.number().int().min(100).default(30_000),
});
export type RiskConfig = ReturnType<typeof loadRiskConfig>;
export const loadRiskConfig = (env?: NodeJS.ProcessEnv) =>
  loadConfig(RiskConfigSchema, { SERVICE_NAME: 'risk-scoring', PORT: '3002', ...(env ?? process.env) });
