import { describe, expect, it } from '@jest/globals';
import { canonicalJson, IDEMPOTENCY_KEY_TTL_MS, keyExpiry, keyUse, requestFingerprint } from './idempotency.js';

describe('Idempotency-Key bindings', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('fingerprints the request whatever the order of its fields, and tells callers and bodies apart', () => {
    expect(canonicalJson({ b: [{ y: 1, x: 2 }], a: 'z', skipped: undefined })).toBe('{"a":"z","b":[{"x":2,"y":1}]}');
    const body = { childId: 'c1', lastSeen: { at: 't', where: 'w' } };
    expect(requestFingerprint('u1', body)).toBe(requestFingerprint('u1', { lastSeen: { where: 'w', at: 't' }, childId: 'c1' }));
    expect(requestFingerprint('u1', body)).not.toBe(requestFingerprint('u2', body));
    expect(requestFingerprint('u1', body)).not.toBe(requestFingerprint('u1', { ...body, childId: 'c2' }));
    expect(requestFingerprint('u1', body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('replays the same request, refuses another, and treats an expired key as new', () => {
    const binding = { fingerprint: 'f1', episodeId: 'e1', expiresAt: keyExpiry(now) };
    expect(keyExpiry(now).getTime() - now.getTime()).toBe(24 * 60 * 60 * 1000);
    expect(keyUse(undefined, 'f1', now)).toEqual({ kind: 'new' });
    expect(keyUse(binding, 'f1', now)).toEqual({ kind: 'replay', episodeId: 'e1' });
    expect(keyUse(binding, 'f2', now)).toEqual({ kind: 'other-request' });
    const later = new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS);
    expect(keyUse(binding, 'f1', later)).toEqual({ kind: 'new' });
    expect(keyUse(binding, 'f2', later)).toEqual({ kind: 'new' });
  });
});
