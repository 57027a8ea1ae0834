import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What an acknowledgement link is bound to: one delivery (so one alert and one recipient), until it expires. The
 * token is short enough for a text message: the delivery id (16 bytes), the expiry in seconds (4) and an HMAC-SHA256
 * truncated to 128 bits (16), base64url: 48 characters.
 */
export interface AckClaims {
  deliveryId: string;
  /** Milliseconds since the epoch, whole seconds. */
  expiresAt: number;
}

const MAC_BYTES = 16;
const mac = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest().subarray(0, MAC_BYTES);

export function signAckLink(secret: string, c: AckClaims): string {
  const body = Buffer.alloc(20);
  Buffer.from(c.deliveryId.replaceAll('-', ''), 'hex').copy(body, 0);
  body.writeUInt32BE(Math.floor(c.expiresAt / 1000), 16);
  return Buffer.concat([body, mac(secret, body)]).toString('base64url');
}

export type AckCheck = { ok: true; claims: AckClaims } | { ok: false; reason: 'forged' | 'expired' };

export function verifyAckLink(secret: string, token: string, now = Date.now()): AckCheck {
  const raw = /^[A-Za-z0-9_-]{48}$/.test(token) ? Buffer.from(token, 'base64url') : Buffer.alloc(0);
  if (raw.length !== 20 + MAC_BYTES) return { ok: false, reason: 'forged' };
  const body = raw.subarray(0, 20);
  if (!timingSafeEqual(raw.subarray(20), mac(secret, body))) return { ok: false, reason: 'forged' };
  const hex = body.subarray(0, 16).toString('hex');
  const deliveryId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expiresAt = body.readUInt32BE(16) * 1000;
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { deliveryId, expiresAt } };
}
