import { AccessDenied } from '@safeguard/platform/policy';
import type { Request, Response } from 'express';
import { access, menu, type Area } from '../domain/access.js';
import type { SignedIn } from '../domain/signed-in.js';
import { render } from '../render.js';

/** What the console's middleware (main.ts) attaches: the person, the form token, and the session cookie's raw value. */
export type ConsoleRequest = Request & { user?: SignedIn; csrf?: string; sessionCookie?: string };

/** Renders a console page with the signed-in person's menu and CSRF token. */
export function page(req: ConsoleRequest, res: Response, view: string, ctx: Record<string, unknown>, status = 200) {
  res.status(status).type('html').send(render(view, { user: req.user, nav: req.user ? menu(req.user) : [], csrf: req.csrf, cspNonce: res.locals.cspNonce, ...ctx }));
}

/** The signed-in person, if they may open this part of the console; otherwise answers (sign-in redirect or 403) and returns nothing. */
export function signedIn(req: ConsoleRequest, res: Response, area: Area = 'episodes'): SignedIn | undefined {
  if (!req.user) return void res.redirect(303, '/sign-in');
  try {
    access.assert('open', req.user, area);
  } catch (e) {
    if (!(e instanceof AccessDenied)) throw e;
    return void page(req, res, 'message', { title: 'Not available', heading: e.verdict.title, text: e.verdict.detail }, e.verdict.hidden ? 404 : 403);
  }
  return req.user;
}
