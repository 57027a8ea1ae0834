import { loadConfig } from '@safeguard/platform';
import { z } from 'zod';

export const WebConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  NOTIFIER_INBOX_URL: z.url().default('http://127.0.0.1:1080'),
});
export const loadWebConfig = (env?: NodeJS.ProcessEnv) => loadConfig(WebConfigSchema, env ?? process.env);
