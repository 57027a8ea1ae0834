import { loadConfig, SigningKeySetting } from '@safeguard/platform';
import { z } from 'zod';
import { checkSignIn, SIGN_IN_SETTINGS } from './oidc/config.js';

export const WebConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /** The Ed25519 private key (a JWK) the console signs service tokens with; services hold only its public half. */
  SERVICE_TOKEN_SIGNING_KEY: SigningKeySetting,
  SERVICE_TOKEN_ISSUER: z.string().min(1).default('safeguard-web'),
  INTAKE_URL: z.url(),
  TRACKER_URL: z.url(),
  /** Secure cookies need HTTPS; only a local http run turns this off. */
  COOKIE_SECURE: z.stringbool().default(true),
  /** A session ends after this long without a request, and in any case this long after signing in. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  /** How often expired sessions and forgotten sign-in failures are deleted. */
  SESSION_PURGE_MINUTES: z.coerce.number().int().positive().default(10),
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client address that sign-in throttling
   * counts by. Off by default (the socket's address); behind a reverse proxy name it (e.g. `loopback` or `1`).
   */
  TRUST_PROXY: z.string().default('false'),
  /** How often a live dashboard looks for changes on behalf of its viewer. */
  LIVE_POLL_MS: z.coerce.number().int().min(200).default(2_000),
  /** Council sign-in (OpenID Connect) and local passwords: oidc/config.ts. */
  ...SIGN_IN_SETTINGS,
});
export type WebConfig = z.infer<typeof WebConfigSchema>;
// The checks across settings run at load (a refined schema could not be .pick()ed, as seed.ts does).
export const loadWebConfig = (env?: NodeJS.ProcessEnv) => loadConfig(WebConfigSchema.superRefine(checkSignIn).superRefine((c, ctx) => {
  if (c.NODE_ENV === 'production' && !c.COOKIE_SECURE) ctx.addIssue({ code: 'custom', path: ['COOKIE_SECURE'], message: 'session cookies travel only over HTTPS in production' });
}), env ?? process.env);
