import { describe, expect, it } from '@jest/globals';
import { signAckLink, verifyAckLink } from './ack-link.js';

const SECRET = 'a-test-secret-that-is-long-enough-123';
const claims = {
  alertId: '9a0c1a1e-0000-4000-8000-000000000001', recipientId: '7a11ce00-0000-4000-8000-000000000001',
  deliveryId: '1d0c1a1e-0000-4000-8000-000000000001', expiresAt: 2_000_000_000_000,
};

describe('acknowledgement links', () => {
  it('verifies a link it signed, bound to alert, recipient and delivery', () => {
    expect(verifyAckLink(SECRET, signAckLink(SECRET, claims), 1_900_000_000_000)).toEqual({ ok: true, claims });
  });

  it('refuses a forged, tampered or expired link', () => {
    const token = signAckLink(SECRET, claims);
    expect(verifyAckLink('another-secret-that-is-long-enough-xyz', token)).toEqual({ ok: false, reason: 'forged' });
    const [payload, sig] = token.split('.');
    const other = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('0001.', '0002.')).toString('base64url');
    expect(verifyAckLink(SECRET, `${other}.${sig}`)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyAckLink(SECRET, 'not-a-token')).toEqual({ ok: false, reason: 'forged' });
    expect(verifyAckLink(SECRET, token, claims.expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });
});
