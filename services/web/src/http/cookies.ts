import type express from 'express';
import type { WebConfig } from '../config.js';

/** One of the console's own cookies as the browser sent it. */
export type CookieValue = { kind: 'absent' } | { kind: 'malformed' } | { kind: 'present'; value: string };

/**
 * Reads the first cookie of this name from a Cookie header. A value that does not decode, or is not of the shape the
 * console writes, is `malformed` (the caller answers 400), never an exception. Other sites' cookies on the same host
 * are not looked at, however they are written.
 */
export function readCookie(header: string | undefined, name: string, wellFormed: (value: string) => boolean): CookieValue {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let raw = part.slice(eq + 1).trim();
    if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1);
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return { kind: 'malformed' };
    }
    return wellFormed(value) ? { kind: 'present', value } : { kind: 'malformed' };
  }
  return { kind: 'absent' };
}

/**
 * One of the console's cookie names. Over HTTPS it carries the `__Host-` prefix, so the browser only accepts it Secure,
 * for Path=/ and without a Domain (no subdomain can plant or overwrite it); a local http run (COOKIE_SECURE=false)
 * cannot set a `__Host-` cookie, so it uses the bare name.
 */
export const cookieName = (config: Pick<WebConfig, 'COOKIE_SECURE'>, name: string): string =>
  (config.COOKIE_SECURE ? `__Host-${name}` : name);

/** Every console cookie: HttpOnly, Path=/, Secure over HTTPS; SameSite=Strict unless a caller says why not. */
export const cookieOptions = (config: Pick<WebConfig, 'COOKIE_SECURE'>, sameSite: 'strict' | 'lax' = 'strict'): express.CookieOptions =>
  ({ httpOnly: true, secure: config.COOKIE_SECURE, sameSite, path: '/' });
