import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Role, Scope } from '@safeguard/contracts';

/** Who is calling: the web app signs this for the signed-in user; services check role and scope. */
export const Caller = z.strictObject({
  sub: z.string().min(1).max(64),
  role: Role,
  scope: Scope,
  iat: z.int(),
  exp: z.int(),
});
export type Caller = z.infer<typeof Caller>;

const MAX_LIFETIME_S = 15 * 60;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signServiceToken(
  secret: string,
  who: Pick<Caller, 'sub' | 'role' | 'scope'>,
  lifetimeSeconds = 300,
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  const payload = b64(JSON.stringify({ ...who, iat, exp: iat + Math.min(lifetimeSeconds, MAX_LIFETIME_S) }));
  const sig = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${sig}`;
}

/** Verifies signature, algorithm and expiry; returns the caller or a reason. */
export function verifyServiceToken(
  secret: string,
  token: string,
  now = Date.now(),
): { ok: true; caller: Caller } | { ok: false; reason: string } {
  const [header, payload, sig, ...rest] = token.split('.');
  if (!header || !payload || !sig || rest.length > 0) return { ok: false, reason: 'malformed token' };
  if (header !== HEADER) return { ok: false, reason: 'unsupported token header' };
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  } catch {
    return { ok: false, reason: 'malformed token' };
  }
  const parsed = Caller.safeParse(claims);
  if (!parsed.success) return { ok: false, reason: 'malformed claims' };
  const nowS = Math.floor(now / 1000);
  if (parsed.data.exp <= nowS) return { ok: false, reason: 'expired token' };
  if (parsed.data.exp - parsed.data.iat > MAX_LIFETIME_S) return { ok: false, reason: 'token lifetime too long' };
  return { ok: true, caller: parsed.data };
}
