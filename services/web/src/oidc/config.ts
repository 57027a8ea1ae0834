import { z } from 'zod';
import { RoleMap } from '../domain/council-roles.js';

/** An unset variable and an empty one (`OIDC_ISSUER=` in a compose file) both mean "not set". */
const unset = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unset, schema.optional());

/** OIDC_ROLE_MAP is JSON text; a parse error or a bad entry is named (`OIDC_ROLE_MAP.2.role: …`). */
const RoleMapSetting = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not JSON (a list of {group, role, scope:{kind,id}})' });
      return z.NEVER;
    }
  })
  .pipe(RoleMap);

/**
 * Sign-in settings, spread into WebConfigSchema. Council sign-in (OpenID Connect) is on when OIDC_ISSUER is set, and
 * then every setting in COUNCIL_REQUIRED must be set too; local passwords are for the demo and never in production.
 */
export const SIGN_IN_SETTINGS = {
  /** The council's identity provider: its issuer identifier (discovery at `/.well-known/openid-configuration`). */
  OIDC_ISSUER: optional(z.url()),
  OIDC_CLIENT_ID: optional(z.string().min(1)),
  OIDC_CLIENT_SECRET: optional(z.string().min(1)),
  /** This console's callback as registered with the provider: https://<console>/sign-in/council/callback. */
  OIDC_REDIRECT_URI: optional(z.url()),
  /** JSON: the table from groups or claim values to role and scope (domain/council-roles.ts); the first match wins. */
  OIDC_ROLE_MAP: optional(RoleMapSetting),
  /** The claim that lists a person's groups (a name, or a dotted path such as `realm_access.roles`). */
  OIDC_GROUPS_CLAIM: z.preprocess(unset, z.string().min(1).default('groups')),
  /** The council's name on the sign-in button: "Sign in with <name>". */
  OIDC_DISPLAY_NAME: optional(z.string().min(1).max(80)),
  /** Scopes asked for; some providers only send groups for their own scope (e.g. `openid profile groups`). */
  OIDC_SCOPES: z.preprocess(unset, z.string().regex(/(^| )openid( |$)/, 'must include openid').default('openid profile')),
  /** Lets the provider be reached over plain http: a provider started by a test on 127.0.0.1; never in production. */
  OIDC_ALLOW_HTTP: z.preprocess(unset, z.stringbool().default(false)),
  /** Username and password sign-in: on by default in development and test, refused in production. */
  LOCAL_SIGN_IN: optional(z.stringbool()),
};

/** What council sign-in cannot work without, once OIDC_ISSUER says it is wanted. */
export const COUNCIL_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_ROLE_MAP', 'OIDC_DISPLAY_NAME'] as const;

export const SignInConfig = z.object({ NODE_ENV: z.enum(['development', 'test', 'production']), ...SIGN_IN_SETTINGS });
type SignInConfig = z.infer<typeof SignInConfig>;

/** Whether the username and password form is offered (and accepted). */
export const localSignIn = (c: Pick<SignInConfig, 'LOCAL_SIGN_IN' | 'NODE_ENV'>): boolean => c.LOCAL_SIGN_IN ?? c.NODE_ENV !== 'production';

/** Council sign-in's settings, when it is configured (checkSignIn has made sure they are all there). */
export interface CouncilSignInSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUri: URL;
  roleMap: RoleMap;
  groupsClaim: string;
  displayName: string;
  scopes: string;
  allowHttp: boolean;
}

export function councilSignIn(c: SignInConfig): CouncilSignInSettings | undefined {
  if (!c.OIDC_ISSUER || !c.OIDC_CLIENT_ID || !c.OIDC_CLIENT_SECRET || !c.OIDC_REDIRECT_URI || !c.OIDC_ROLE_MAP || !c.OIDC_DISPLAY_NAME) return undefined;
  return {
    issuer: new URL(c.OIDC_ISSUER), clientId: c.OIDC_CLIENT_ID, clientSecret: c.OIDC_CLIENT_SECRET, redirectUri: new URL(c.OIDC_REDIRECT_URI),
    roleMap: c.OIDC_ROLE_MAP, groupsClaim: c.OIDC_GROUPS_CLAIM, displayName: c.OIDC_DISPLAY_NAME, scopes: c.OIDC_SCOPES, allowHttp: c.OIDC_ALLOW_HTTP,
  };
}

/**
 * The checks across settings (WebConfigSchema.superRefine): council sign-in is all there or not at all, each missing
 * setting named; production takes neither local passwords nor plain http; and there is some way to sign in.
 */
export function checkSignIn(c: SignInConfig, ctx: z.RefinementCtx): void {
  const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const set = COUNCIL_REQUIRED.filter((k) => c[k] !== undefined);
  if (set.length > 0) {
    for (const k of COUNCIL_REQUIRED.filter((k) => c[k] === undefined)) {
      problem(k, `required for council sign-in (set with ${set.join(', ')}); set all of ${COUNCIL_REQUIRED.join(', ')} or none`);
    }
  }
  const production = c.NODE_ENV === 'production';
  if (production && c.LOCAL_SIGN_IN) problem('LOCAL_SIGN_IN', 'local passwords are for the demo: not in production');
  if (production && c.OIDC_ALLOW_HTTP) problem('OIDC_ALLOW_HTTP', 'the identity provider is reached over https in production');
  if (!c.OIDC_ALLOW_HTTP) {
    for (const k of ['OIDC_ISSUER', 'OIDC_REDIRECT_URI'] as const) {
      if (c[k] && new URL(c[k]).protocol !== 'https:') problem(k, 'must be https (OIDC_ALLOW_HTTP=true only for a provider on this machine in a test)');
    }
  }
  if (c.OIDC_REDIRECT_URI && new URL(c.OIDC_REDIRECT_URI).pathname !== '/sign-in/council/callback') {
    problem('OIDC_REDIRECT_URI', 'must end in /sign-in/council/callback, where the console takes the answer');
  }
  if (set.length === 0 && !localSignIn(c)) problem('OIDC_ISSUER', 'no way to sign in: configure council sign-in (OIDC_*) or allow LOCAL_SIGN_IN outside production');
}
