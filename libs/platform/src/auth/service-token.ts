import { createLocalJWKSet, errors, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { z } from 'zod';
import { Role, Scope } from '@safeguard/contracts';

/**
 * Service tokens: the web console (and the admin tools) sign, with an Ed25519 private key, a short-lived token naming
 * the signed-in person's role and scope, the service it is for (audience) and who issued it. Services hold only
 * public keys, so a compromised service cannot mint a token for any other.
 */

/** The services that accept service tokens; each token names exactly one. */
export const Audience = z.enum(['intake', 'episode-tracker', 'risk-scoring', 'notifier']);
export type Audience = z.infer<typeof Audience>;

/** Who is calling, as a service reads it from a verified token. */
export const Caller = z.object({
  sub: z.string().min(1).max(64),
  role: Role,
  scope: Scope,
  iat: z.int(),
  exp: z.int(),
});
export type Caller = z.infer<typeof Caller>;
export type Signee = Pick<Caller, 'sub' | 'role' | 'scope'>;

export const DEFAULT_ISSUER = 'safeguard-web';
const ALG = 'EdDSA';
const MAX_LIFETIME_S = 15 * 60;
/** Clocks across hosts differ a little; a token from further in the future than this is refused. */
const CLOCK_TOLERANCE_S = 5;

const PrivateJwk = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), d: z.string(), kid: z.string().min(1) });
const PublicJwk = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string().min(1) })
  .refine((k) => !('d' in k), 'a public key set must not hold a private key');
const Jwks = z.object({ keys: z.array(PublicJwk).min(1) });

const json = (what: string) => z.string().transform((s, ctx) => {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: `${what} must be JSON` });
    return z.NEVER;
  }
});
/** SERVICE_TOKEN_SIGNING_KEY: one private Ed25519 JWK with a `kid`. */
export const SigningKeySetting = json('the signing key').pipe(PrivateJwk).transform((k) => JSON.stringify(k));
/** SERVICE_TOKEN_PUBLIC_KEYS: a JWK set of the public keys whose tokens are accepted (several during a rotation). */
export const PublicKeysSetting = json('the public key set').pipe(Jwks).transform((k) => JSON.stringify(k));

export type SignServiceToken = (who: Signee, audience: Audience, lifetimeSeconds?: number) => Promise<string>;

/** A signer over one private key (JSON JWK); tokens name `issuer` and the audience asked for. */
export async function serviceTokenSigner(signingKey: string, issuer = DEFAULT_ISSUER): Promise<SignServiceToken> {
  const jwk = PrivateJwk.parse(JSON.parse(signingKey));
  const key = await importJWK(jwk, ALG);
  return (who, audience, lifetimeSeconds = 300) =>
    new SignJWT({ role: who.role, scope: who.scope })
      .setProtectedHeader({ alg: ALG, kid: jwk.kid, typ: 'JWT' })
      .setSubject(who.sub).setIssuer(issuer).setAudience(audience)
      .setIssuedAt().setExpirationTime(`${Math.min(lifetimeSeconds, MAX_LIFETIME_S)}s`)
      .sign(key);
}

export type VerifyServiceToken = (token: string, now?: Date) => Promise<{ ok: true; caller: Caller } | { ok: false; reason: string }>;

/** A verifier for one service: the signature by a listed key, this audience, an accepted issuer, times in range. */
export function serviceTokenVerifier(publicKeys: string, audience: Audience, issuers: string[] = [DEFAULT_ISSUER]): VerifyServiceToken {
  const keys = createLocalJWKSet(Jwks.parse(JSON.parse(publicKeys)) as { keys: JWK[] });
  return async (token, now) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [ALG], audience, issuer: issuers, requiredClaims: ['sub', 'exp', 'iat'],
        maxTokenAge: MAX_LIFETIME_S, clockTolerance: CLOCK_TOLERANCE_S, currentDate: now,
      });
      const caller = Caller.safeParse(payload);
      if (!caller.success) return { ok: false, reason: 'malformed claims' };
      if (caller.data.exp - caller.data.iat > MAX_LIFETIME_S) return { ok: false, reason: 'token lifetime too long' };
      return { ok: true, caller: caller.data };
    } catch (e) {
      return { ok: false, reason: reasonFor(e) };
    }
  };
}

function reasonFor(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'expired token';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return 'token is for another service';
    if (e.claim === 'iss') return 'token from an unknown issuer';
    if (e.claim === 'iat') return 'token issued in the future';
    return 'malformed claims';
  }
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (e instanceof errors.JWKSNoMatchingKey) return 'unknown signing key';
  if (e instanceof errors.JOSEAlgNotAllowed) return 'unsupported token algorithm';
  return 'malformed token';
}

/** A new key pair: the private JWK for the signer, and a JWK set holding its public half for the services. */
export async function generateServiceTokenKeys(kid = `sk-${Date.now().toString(36)}`): Promise<{ signingKey: string; publicKeys: string }> {
  const { privateKey, publicKey } = await generateKeyPair('Ed25519', { extractable: true });
  const priv = { ...(await exportJWK(privateKey)), kid };
  const pub = { ...(await exportJWK(publicKey)), kid };
  return { signingKey: JSON.stringify(priv), publicKeys: JSON.stringify({ keys: [pub] }) };
}
