import type express from 'express';
import type { WebConfig } from '../config.js';

/**
 * The session cookie's name. Over HTTPS it carries the `__Host-` prefix, so the browser only accepts it Secure, for
 * Path=/ and without a Domain (no subdomain can plant or overwrite it); a local http run (COOKIE_SECURE=false) cannot
 * set a `__Host-` cookie, so it uses the bare name.
 */
export const SESSION_COOKIE = (config: Pick<WebConfig, 'COOKIE_SECURE'>): string =>
  config.COOKIE_SECURE ? '__Host-sg_session' : 'sg_session';

const options = (config: Pick<WebConfig, 'COOKIE_SECURE'>): express.CookieOptions =>
  ({ httpOnly: true, secure: config.COOKIE_SECURE, sameSite: 'strict', path: '/' });

/** Hands the browser its session id; the browser forgets it no later than the session's absolute end. */
export function setSessionCookie(res: express.Response, config: WebConfig, sessionId: string): void {
  res.cookie(SESSION_COOKIE(config), sessionId, { ...options(config), maxAge: config.SESSION_ABSOLUTE_HOURS * 3_600_000 });
}

export function clearSessionCookie(res: express.Response, config: WebConfig): void {
  res.clearCookie(SESSION_COOKIE(config), options(config));
}
