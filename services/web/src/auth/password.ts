import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16_384;
const KEYLEN = 64;

const derive = (password: string, salt: Buffer, n: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, KEYLEN, { N: n, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))));

/** `scrypt$N$salt$hash` (node:crypto; no native packages). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${N}$${salt.toString('base64url')}$${(await derive(password, salt, N)).toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Lockout: after this many failures in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export function afterFailure(failedAttempts: number, now: Date): { failedAttempts: number; lockedUntil: Date | null } {
  const next = failedAttempts + 1;
  return { failedAttempts: next, lockedUntil: next >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null };
}
