import { loadConfig } from '@safeguard/platform';
import { z } from 'zod';

export const WebConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  SERVICE_TOKEN_SECRET: z.string().min(32),
  INTAKE_URL: z.url(),
  TRACKER_URL: z.url(),
  /** Secure cookies need HTTPS; only a local http run turns this off. */
  COOKIE_SECURE: z.stringbool().default(true),
  SESSION_MINUTES: z.coerce.number().int().positive().default(12 * 60),
  /** How often a live dashboard looks for changes on behalf of its viewer. */
  LIVE_POLL_MS: z.coerce.number().int().min(200).default(2_000),
});
export type WebConfig = z.infer<typeof WebConfigSchema>;
export const loadWebConfig = (env?: NodeJS.ProcessEnv) => loadConfig(WebConfigSchema, env ?? process.env);
