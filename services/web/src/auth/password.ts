import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters. */
export interface ScryptParams { N: number; r: number; p: number }

/** OWASP Password Storage Cheat Sheet's current scrypt minimum: N=2^17, r=8, p=1. */
export const CURRENT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEYLEN = 64;
/** scrypt needs 128·N·r bytes; twice that leaves room for the key and node's own bookkeeping. */
const maxmem = (p: ScryptParams) => 2 * 128 * p.N * p.r + 1024 * 1024;

const derive = (password: string, salt: Buffer, params: ScryptParams) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, KEYLEN, { ...params, maxmem: maxmem(params) }, (e, key) => (e ? reject(e) : resolve(key))));

/** `scrypt$N=…,r=…,p=…$salt$hash` (node:crypto; no native packages). */
export async function hashPassword(password: string, params: ScryptParams = CURRENT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface Stored { params: ScryptParams; salt: Buffer; key: Buffer }

/** Reads the current format and the first one (`scrypt$16384$salt$hash`, r=8, p=1); anything else is unusable. */
function parse(stored: string): Stored | undefined {
  const [scheme, cost, salt, key, extra] = stored.split('$');
  if (scheme !== 'scrypt' || !cost || !salt || !key || extra !== undefined) return undefined;
  const named = /^N=(\d+),r=(\d+),p=(\d+)$/.exec(cost);
  const params = named ? { N: Number(named[1]), r: Number(named[2]), p: Number(named[3]) }
    : /^\d+$/.test(cost) ? { N: Number(cost), r: 8, p: 1 } : undefined;
  // Refuse costs that are not a power of two or would exhaust memory: a stored value is not trusted to be sane.
  if (!params || params.N < 2 || (params.N & (params.N - 1)) !== 0 || params.N > 2 ** 20 || params.r < 1 || params.r > 32
    || params.p < 1 || params.p > 16) return undefined;
  return { params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

const weaker = (p: ScryptParams) => p.N < CURRENT.N || p.r < CURRENT.r || p.p < CURRENT.p;

/** What an attempt costs when there is nothing to check against: the same derivation as a real, current hash. */
const DUMMY: Stored = { params: CURRENT, salt: randomBytes(16), key: randomBytes(KEYLEN) };

export interface Verification {
  ok: boolean;
  /** The password was right but the hash uses older parameters: store a new one. */
  outdated: boolean;
}

/**
 * Checks a password against a stored hash in the same time whether or not there is one: an unknown username or an
 * account without a password (signed in through the council's identity provider) runs the same derivation against a
 * dummy and fails; an older, cheaper hash runs alongside a dummy so it takes as long as a current one.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<Verification> {
  const parsed = stored ? parse(stored) : undefined;
  const target = parsed ?? DUMMY;
  const [actual] = await Promise.all([
    derive(password, target.salt, target.params),
    parsed && weaker(parsed.params) ? derive(password, DUMMY.salt, DUMMY.params) : undefined,
  ]);
  const ok = parsed !== undefined && actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
  return { ok, outdated: ok && weaker(parsed.params) };
}
