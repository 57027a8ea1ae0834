import { createHash } from 'node:crypto';

/**
 * An Idempotency-Key on a report binds to the request it first came with, for 24 hours: the same key with the same
 * request (body and caller) answers with the first result; the same key with another request is refused, because
 * answering it with the first child's episode would leave the second child unreported. After 24 hours the key is
 * free again and a request with it is a new report.
 */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** What a key is bound to. */
export interface KeyBinding {
  fingerprint: string;
  episodeId: string;
  expiresAt: Date;
}

export type KeyUse = { kind: 'new' } | { kind: 'replay'; episodeId: string } | { kind: 'other-request' };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

const sorted = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(sorted);
  if (!isPlainObject(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => [k, sorted(v[k])]));
};

/** JSON with every object's keys in order, so equal values always give equal text. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sorted(value)) ?? 'null';

/** SHA-256 of the canonical JSON of the parsed request body and the caller's subject. */
export const requestFingerprint = (subject: string, body: unknown): string =>
  createHash('sha256').update(canonicalJson({ subject, body })).digest('hex');

/** When a key bound now stops binding. */
export const keyExpiry = (now: Date): Date => new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS);

/** What a request with a key is: new (unbound or expired key), a replay of the first, or another request. */
export function keyUse(binding: KeyBinding | undefined, fingerprint: string, now: Date): KeyUse {
  if (!binding || binding.expiresAt.getTime() <= now.getTime()) return { kind: 'new' };
  return binding.fingerprint === fingerprint ? { kind: 'replay', episodeId: binding.episodeId } : { kind: 'other-request' };
}
