import type express from 'express';
import type { WebConfig } from '../config.js';
import { cookieName, cookieOptions } from './cookies.js';

/** The session cookie's name: `__Host-sg_session` over HTTPS (http/cookies.ts). */
export const SESSION_COOKIE = (config: Pick<WebConfig, 'COOKIE_SECURE'>): string => cookieName(config, 'sg_session');

/** Hands the browser its session id; the browser forgets it no later than the session's absolute end. */
export function setSessionCookie(res: express.Response, config: WebConfig, sessionId: string): void {
  res.cookie(SESSION_COOKIE(config), sessionId, { ...cookieOptions(config), maxAge: config.SESSION_ABSOLUTE_HOURS * 3_600_000 });
}

export function clearSessionCookie(res: express.Response, config: WebConfig): void {
  res.clearCookie(SESSION_COOKIE(config), cookieOptions(config));
}
