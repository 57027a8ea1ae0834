import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an acknowledgement link is bound to: one alert, one recipient, one delivery, until it expires. */
export interface AckClaims {
  alertId: string;
  recipientId: string;
  deliveryId: string;
  expiresAt: number;
}

const UUID = /^[0-9a-f-]{36}$/;

/** `<payload>.<hmac>`, both base64url; the payload holds ids and an expiry only. */
export function signAckLink(secret: string, c: AckClaims): string {
  const payload = Buffer.from(`${c.alertId}.${c.recipientId}.${c.deliveryId}.${c.expiresAt}`).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

export type AckCheck = { ok: true; claims: AckClaims } | { ok: false; reason: 'forged' | 'expired' };

export function verifyAckLink(secret: string, token: string, now = Date.now()): AckCheck {
  const [payload, sig, ...rest] = token.split('.');
  if (!payload || !sig || rest.length) return { ok: false, reason: 'forged' };
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  const [alertId, recipientId, deliveryId, exp] = Buffer.from(payload, 'base64url').toString().split('.');
  if (!alertId || !recipientId || !deliveryId || ![alertId, recipientId, deliveryId].every((x) => UUID.test(x))) {
    return { ok: false, reason: 'forged' };
  }
  const expiresAt = Number(exp);
  if (!Number.isFinite(expiresAt) || expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { alertId, recipientId, deliveryId, expiresAt } };
}
