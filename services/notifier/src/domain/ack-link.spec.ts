import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { signAckLink, verifyAckLink } from './ack-link.js';

const SECRET = 'a-test-secret-that-is-long-enough-123';
const claims = { deliveryId: '1d0c1a1e-0000-4000-8000-000000000001', expiresAt: 2_000_000_000_000 };

describe('acknowledgement links', () => {
  it('verifies a link it signed, bound to its delivery, in 48 characters (it must fit in a text message)', () => {
    const token = signAckLink(SECRET, claims);
    expect(token).toHaveLength(48);
    expect(verifyAckLink(SECRET, token, 1_900_000_000_000)).toEqual({ ok: true, claims });
  });

  it('refuses a forged, tampered or expired link', () => {
    const token = signAckLink(SECRET, claims);
    expect(verifyAckLink('another-secret-that-is-long-enough-xyz', token)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyAckLink(SECRET, 'not-a-token')).toEqual({ ok: false, reason: 'forged' });
    expect(verifyAckLink(SECRET, token, claims.expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses every single-character change to a signed link', () => {
    const token = signAckLink(SECRET, claims);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(fc.property(fc.nat(47), fc.nat(63), (at, c) => {
      const changed = token.slice(0, at) + alphabet[c] + token.slice(at + 1);
      fc.pre(changed !== token);
      expect(verifyAckLink(SECRET, changed, 0).ok).toBe(false);
    }));
  });
});
