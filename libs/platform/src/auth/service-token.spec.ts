import { describe, expect, it } from '@jest/globals';
import { signServiceToken, verifyServiceToken } from './service-token.js';

const SECRET = 'service-token-secret-long-enough-0123456789';
const who = { sub: 'u1', role: 'care-staff' as const, scope: { kind: 'home' as const, id: 'h1' } };

describe('service tokens', () => {
  it('round-trips the caller', () => {
    const r = verifyServiceToken(SECRET, signServiceToken(SECRET, who));
    expect(r.ok && r.caller).toMatchObject(who);
  });

  it('refuses a bad signature, expiry, tampering and junk', () => {
    const now = Date.now();
    const token = signServiceToken(SECRET, who, 60, now);
    expect(verifyServiceToken('x'.repeat(40), token)).toEqual({ ok: false, reason: 'bad signature' });
    expect(verifyServiceToken(SECRET, token, now + 61_000)).toEqual({ ok: false, reason: 'expired token' });
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...who, role: 'director', iat: 1, exp: 9e9 })).toString('base64url');
    expect(verifyServiceToken(SECRET, `${h}.${forged}.${s}`)).toEqual({ ok: false, reason: 'bad signature' });
    expect(verifyServiceToken(SECRET, 'junk')).toEqual({ ok: false, reason: 'malformed token' });
  });
});
