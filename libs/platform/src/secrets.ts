import { createHash } from 'node:crypto';

/** A setting is a secret when its name says so; public keys and issuers are not. */
const SECRET_NAME = /(_SECRET|_TOKEN|_PASSWORD|_SIGNING_KEY|_API_KEY)$/;
const MIN_SECRET_BYTES = 32;

/**
 * SHA-256 of every secret committed to this repository for development (infra/local/local.env, earlier compose
 * defaults). Anyone who can read the repository knows them, so production refuses them. A spec keeps this list in
 * step with local.env.
 */
export const DEVELOPMENT_SECRET_HASHES: ReadonlySet<string> = new Set([
  'c7d7a1707ad846290f6eb770bb496e544b44c742c3126aa192bc4483a653e8bb', // SERVICE_TOKEN_SIGNING_KEY (local-dev-1, as the setting reads it)
  'e157e9d980ead48a093ca8369e73be87da3a203838d484844d35336c1e30c237', // ACK_LINK_SECRET
  '690016c445cf07eb012870bbb4c7cdbc568d0dc7e6ef8f23857b5dfaec4ce566', // SERVICE_TOKEN_SECRET (before Ed25519)
]);

export const secretHash = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * In production, names each secret setting that is shorter than 32 bytes or is one of the repository's development
 * values. The message names the variable, never its value.
 */
export function refuseInProduction(config: Record<string, unknown>): string[] {
  if (config.NODE_ENV !== 'production') return [];
  return Object.entries(config).flatMap(([name, value]) => {
    if (!SECRET_NAME.test(name) || typeof value !== 'string') return [];
    if (DEVELOPMENT_SECRET_HASHES.has(secretHash(value))) return [`${name}: this is the repository's development value; generate a new secret`];
    if (Buffer.byteLength(value) < MIN_SECRET_BYTES) return [`${name}: a secret must be at least ${MIN_SECRET_BYTES} bytes`];
    return [];
  });
}
