import { HOME_ROLES, INSIGHT_ROLES, isPoliceRole } from '@safeguard/contracts';
import type { Request, Response } from 'express';
import type { SignedIn } from '../auth/sessions.js';
import { render } from '../render.js';

export type ConsoleRequest = Request & { user?: SignedIn; csrf?: string };

const navFor = (u: SignedIn) => [
  ...((HOME_ROLES as readonly string[]).includes(u.role) ? [{ href: '/', text: 'Children' }] : []),
  ...(!isPoliceRole(u.role) ? [{ href: '/dashboard', text: 'Open episodes' }] : []),
  ...(isPoliceRole(u.role) ? [{ href: '/police', text: 'Escalations' }] : []),
  ...((INSIGHT_ROLES as readonly string[]).includes(u.role) ? [{ href: '/insight', text: 'Figures and patterns' }] : []),
];

/** Renders a console page with the signed-in person's navigation and CSRF token. */
export function page(req: ConsoleRequest, res: Response, view: string, ctx: Record<string, unknown>, status = 200) {
  res.status(status).type('html').send(render(view, { user: req.user, nav: req.user ? navFor(req.user) : [], csrf: req.csrf, ...ctx }));
}

/** The signed-in person, if they may see the page; otherwise answers (sign-in redirect or 403) and returns nothing. */
export function signedIn(req: ConsoleRequest, res: Response, roles?: readonly string[]): SignedIn | undefined {
  if (!req.user) return void res.redirect(303, '/sign-in');
  if (roles && !roles.includes(req.user.role)) {
    return void page(req, res, 'message', { title: 'Not available', heading: 'This page is not for your role', text: 'Use the links above.' }, 403);
  }
  return req.user;
}
