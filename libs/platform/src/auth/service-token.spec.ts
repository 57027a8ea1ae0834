import { describe, expect, it } from '@jest/globals';
import { SignJWT, importJWK } from 'jose';
import { generateServiceTokenKeys, serviceTokenSigner, serviceTokenVerifier } from './service-token.js';

const who = { sub: 'u1', role: 'care-staff' as const, scope: { kind: 'home' as const, id: 'h1' } };
const keys = await generateServiceTokenKeys('k1');
const sign = await serviceTokenSigner(keys.signingKey);
const intake = serviceTokenVerifier(keys.publicKeys, 'intake');

describe('service tokens', () => {
  it('round-trips the caller for the audience it names', async () => {
    const r = await intake(await sign(who, 'intake'));
    expect(r.ok && r.caller).toMatchObject(who);
  });

  it('is refused by every other service', async () => {
    const token = await sign(who, 'episode-tracker');
    expect(await intake(token)).toEqual({ ok: false, reason: 'token is for another service' });
  });

  it('refuses another key, expiry, tampering, an unknown issuer, the future and junk', async () => {
    const other = await serviceTokenSigner((await generateServiceTokenKeys('k1')).signingKey);
    expect(await intake(await other(who, 'intake'))).toEqual({ ok: false, reason: 'bad signature' });
    const token = await sign(who, 'intake', 60);
    expect(await intake(token, new Date(Date.now() + 70_000))).toEqual({ ok: false, reason: 'expired token' });
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...who, role: 'director', aud: 'intake', iss: 'safeguard-web', iat: 1, exp: 9e9 })).toString('base64url');
    expect(await intake(`${h}.${forged}.${s}`)).toEqual({ ok: false, reason: 'bad signature' });
    const admin = await serviceTokenSigner(keys.signingKey, 'someone-else');
    expect(await intake(await admin(who, 'intake'))).toEqual({ ok: false, reason: 'token from an unknown issuer' });
    expect(await intake(token, new Date(Date.now() - 60_000))).toEqual({ ok: false, reason: 'token issued in the future' });
    expect(await intake('junk')).toEqual({ ok: false, reason: 'malformed token' });
  });

  it('refuses a key it does not list and any algorithm but EdDSA', async () => {
    const stranger = await serviceTokenSigner((await generateServiceTokenKeys('k2')).signingKey);
    expect(await intake(await stranger(who, 'intake'))).toEqual({ ok: false, reason: 'unknown signing key' });
    const hmac = await new SignJWT({ role: who.role, scope: who.scope }).setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setSubject('u1').setAudience('intake').setIssuer('safeguard-web').setIssuedAt().setExpirationTime('1m')
      .sign(await importJWK({ kty: 'oct', k: Buffer.from('x'.repeat(32)).toString('base64url') }, 'HS256'));
    expect((await intake(hmac)).ok).toBe(false);
  });

  it('caps the lifetime at 15 minutes', async () => {
    const token = await sign(who, 'intake', 3600);
    const r = await intake(token, new Date(Date.now() + 16 * 60_000));
    expect(r).toEqual({ ok: false, reason: 'expired token' });
  });
});
