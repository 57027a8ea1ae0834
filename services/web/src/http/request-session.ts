import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { Sessions } from '../application/sessions.js';
import { looksLikeCsrfToken, looksLikeSessionId, newCsrfToken } from '../auth/session-id.js';
import type { WebConfig } from '../config.js';
import type { ConsoleRequest } from '../pages/page.js';
import { render } from '../render.js';
import { cookieName, cookieOptions, readCookie } from './cookies.js';
import { SESSION_COOKIE } from './session-cookie.js';

/** The sign-in form's double-submit cookie (before there is a session to hold the form token). */
export const CSRF_COOKIE = (config: Pick<WebConfig, 'COOKIE_SECURE'>): string => cookieName(config, 'sg_csrf');

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function message(res: Response, status: number, title: string, heading: string, text: string) {
  res.status(status).type('html').send(render('message', { title, heading, text, cspNonce: res.locals.cspNonce }));
}

/**
 * Finds the person from the session cookie and checks the form token of every POST: signed-in forms carry the
 * session's token, the sign-in form the double-submit cookie's. A cookie or token that is not of the shape the console
 * writes is a bad request (400, and the cookie is cleared so the browser recovers); a missing or stale one means the
 * form expired (403).
 */
export function requestSession(sessions: Sessions, config: WebConfig) {
  const options = cookieOptions(config);
  return async (req: ConsoleRequest, res: Response, next: NextFunction) => {
    try {
      const session = readCookie(req.headers.cookie, SESSION_COOKIE(config), looksLikeSessionId);
      const preSession = readCookie(req.headers.cookie, CSRF_COOKIE(config), looksLikeCsrfToken);
      if (session.kind === 'malformed' || preSession.kind === 'malformed') {
        if (session.kind === 'malformed') res.clearCookie(SESSION_COOKIE(config), options);
        if (preSession.kind === 'malformed') res.clearCookie(CSRF_COOKIE(config), options);
        return message(res, 400, 'Bad request', 'Sign in again', 'Your browser sent a cookie this service cannot read. Go to the sign-in page and sign in again.');
      }
      req.sessionCookie = session.kind === 'present' ? session.value : undefined;
      req.user = await sessions.resolve(req.sessionCookie);
      let formToken = preSession.kind === 'present' ? preSession.value : undefined;
      if (!req.user && !formToken) {
        formToken = newCsrfToken();
        res.cookie(CSRF_COOKIE(config), formToken, options);
      }
      req.csrf = req.user?.csrfToken ?? formToken;
      if (req.method === 'POST') {
        const sent: unknown = (req.body as Record<string, unknown> | undefined)?._csrf;
        if (sent !== undefined && sent !== '' && (typeof sent !== 'string' || !looksLikeCsrfToken(sent))) {
          return message(res, 400, 'Bad request', 'Check what you sent', 'The form was not sent as this service wrote it. Go back, refresh the page and try again.');
        }
        if (!sent || !req.csrf || !same(sent, req.csrf)) {
          return message(res, 403, 'Form expired', 'This form has expired', 'Go back, refresh the page and try again.');
        }
      }
      next();
    } catch (e) {
      next(e);
    }
  };
}
