/**
 * Sign-in throttling: growing delays instead of a lockout. Failures are counted per (username, client address) and per
 * client address, never per account alone, so an attacker elsewhere cannot keep a person out: the worst they can do
 * from the person's own address is a delay capped at a minute. Unknown usernames are counted exactly like known ones.
 */
export interface ThrottleRule {
  /** Failures allowed before any delay. */
  free: number;
  /** The first delay; each further failure doubles it, up to the cap. */
  baseMs: number;
  capMs: number;
  /** After this long without a failure (and the delay passed), the count starts again. */
  forgetAfterMs: number;
}

/** Per (username, address): a person mistyping at their own desk gets three tries, then 1 s, 2 s … at most 60 s. */
export const PER_USERNAME_AND_ADDRESS: ThrottleRule = { free: 3, baseMs: 1_000, capMs: 60_000, forgetAfterMs: 15 * 60_000 };
/** Per address: room for an office behind one NAT, then a delay capped at 30 s (slows guessing many usernames). */
export const PER_ADDRESS: ThrottleRule = { free: 20, baseMs: 1_000, capMs: 30_000, forgetAfterMs: 15 * 60_000 };

export interface Failures {
  count: number;
  lastAt: Date | null;
  /** No attempt starts before this (a delay earned, or an attempt in flight). */
  notBefore: Date | null;
}

export const NO_FAILURES: Failures = { count: 0, lastAt: null, notBefore: null };

/** How long to wait after `count` failures. Never above the cap, never less for more failures. */
export function delayMs(rule: ThrottleRule, count: number): number {
  if (!Number.isFinite(count) || count <= rule.free) return 0;
  const doublings = Math.min(count - rule.free - 1, 40);
  return Math.min(rule.capMs, rule.baseMs * 2 ** doublings);
}

const after = (at: Date, ms: number) => new Date(at.getTime() + ms);

/** The failures still remembered at `now`: forgotten once quiet for the rule's period and no delay is pending. */
export function remembered(f: Failures, rule: ThrottleRule, now: Date): Failures {
  const quiet = !f.lastAt || after(f.lastAt, rule.forgetAfterMs) <= now;
  const waiting = f.notBefore !== null && f.notBefore > now;
  return quiet && !waiting ? NO_FAILURES : f;
}

export type Admission = { admitted: true; reserved: Failures } | { admitted: false; retryAt: Date };

/**
 * Whether an attempt may start now. An admitted attempt reserves the delay it would earn by failing, so attempts sent
 * in parallel cannot all slip in before the first failure is counted.
 */
export function admit(f: Failures, rule: ThrottleRule, now: Date): Admission {
  if (f.notBefore && f.notBefore > now) return { admitted: false, retryAt: f.notBefore };
  const current = remembered(f, rule, now);
  const wait = delayMs(rule, current.count + 1);
  return { admitted: true, reserved: { ...current, notBefore: wait > 0 ? after(now, wait) : null } };
}

/** After a wrong password (or an unknown username): one more failure and its delay from now. */
export function failed(f: Failures, rule: ThrottleRule, now: Date): Failures {
  const count = remembered({ ...f, notBefore: null }, rule, now).count + 1;
  const wait = delayMs(rule, count);
  return { count, lastAt: now, notBefore: wait > 0 ? after(now, wait) : null };
}

/**
 * After a successful sign-in: the person's own count starts again; the address keeps its count (others may be guessing
 * from it) but gives back the reservation this attempt made.
 */
export function succeeded(f: Failures, rule: ThrottleRule, scope: 'username-and-address' | 'address'): Failures {
  if (scope === 'username-and-address' || !f.lastAt) return NO_FAILURES;
  const wait = delayMs(rule, f.count);
  return { ...f, notBefore: wait > 0 ? after(f.lastAt, wait) : null };
}

/** The later of two refusals' retry times: the attempt waits for both. */
export const latest = (a: Date, b: Date): Date => (a > b ? a : b);
