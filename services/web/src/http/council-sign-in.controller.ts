import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { ATTEMPT_MINUTES, CouncilSignIn, type CouncilSignInResult } from '../application/council-sign-in.js';
import type { WebConfig } from '../config.js';
import { localSignIn } from '../oidc/config.js';
import { looksLikeAttemptHandle } from '../oidc/subject.js';
import type { ConsoleRequest } from '../pages/page.js';
import { render, setRenderGlobal } from '../render.js';
import { WEB_CONFIG } from '../tokens.js';
import { cookieName, cookieOptions, readCookie } from './cookies.js';
import { setSessionCookie } from './session-cookie.js';

/**
 * The attempt's cookie. SameSite=Lax, not Strict: the person comes back from the identity provider, another site, and
 * the browser must send it with that navigation. HttpOnly, and `__Host-` over https (no subdomain can plant one).
 */
const ATTEMPT_COOKIE = (config: Pick<WebConfig, 'COOKIE_SECURE'>) => cookieName(config, 'sg_council_sign_in');
const attemptCookieOptions = (config: WebConfig) => cookieOptions(config, 'lax');

/** What the provider may send back (RFC 6749 §4.1.2, RFC 9207's iss); each at most once. Anything else is ignored. */
const one = z.string().max(4096, 'is too long');
const Callback = z.object({
  code: one.optional(), state: one.optional(), iss: one.optional(), error: one.optional(), error_description: one.optional(),
  error_uri: one.optional(), session_state: one.optional(),
});

/** The same words whether the provider refused or the role map names none of the person's groups. */
const NO_ACCESS = { status: 403, heading: 'You cannot sign in to Safeguard',
  text: 'Your council account does not give you access to this service. If you think it should, ask your manager or your council\'s IT service desk.' };

const PAGES: Record<Exclude<CouncilSignInResult, { ok: true }>['reason'], { status: number; heading: string; text: string }> = {
  refused: NO_ACCESS,
  'no-role': NO_ACCESS,
  'not-completed': { status: 400, heading: 'Sign-in did not complete', text: 'Start again from the sign-in page.' },
  unavailable: { status: 503, heading: 'Sorry, your council\'s sign-in service is not answering', text: 'Try again in a few minutes.' },
};

/** Sign-in through the council's identity provider (OpenID Connect, authorisation code with PKCE). */
@Controller('sign-in/council')
export class CouncilSignInController {
  constructor(private readonly signIn: CouncilSignIn, @Inject(WEB_CONFIG) private readonly config: WebConfig) {
    // The sign-in page offers what configuration allows: the council's button, the demo's password form, or both.
    setRenderGlobal('signIn', { local: localSignIn(config), council: signIn.councilName });
  }

  /** The sign-in button: a new attempt, then off to the provider. A link (GET): a form's redirect would meet CSP form-action. */
  @Get()
  async start(@Res() res: Response) {
    if (!this.signIn.enabled) return this.message(res, 404, 'Page not found', 'Sign in with your username and password.');
    const started = await this.signIn.begin();
    if (!started.ok) return this.message(res, PAGES.unavailable.status, PAGES.unavailable.heading, PAGES.unavailable.text);
    res.cookie(ATTEMPT_COOKIE(this.config), started.handle, { ...attemptCookieOptions(this.config), maxAge: ATTEMPT_MINUTES * 60_000 });
    res.redirect(303, started.redirectTo.href);
  }

  /** Where the provider sends the person back, with a code (or an error) and the attempt's state. */
  @Get('callback')
  async callback(@Req() req: ConsoleRequest, @Res() res: Response) {
    if (!this.signIn.enabled) return this.message(res, 404, 'Page not found', 'Sign in with your username and password.');
    const query = new URL(req.originalUrl, 'http://console.invalid').searchParams;
    const parsed = Callback.safeParse(Object.fromEntries([...new Set(query.keys())].map((k) => [k, query.getAll(k).length === 1 ? query.get(k) : query.getAll(k)])));
    if (!parsed.success) {
      const field = parsed.error.issues[0]!.path.join('.');
      return this.message(res, 400, PAGES['not-completed'].heading, `The answer from the sign-in service could not be read (${field}). ${PAGES['not-completed'].text}`);
    }
    const cookie = readCookie(req.headers.cookie, ATTEMPT_COOKIE(this.config), looksLikeAttemptHandle);
    res.clearCookie(ATTEMPT_COOKIE(this.config), attemptCookieOptions(this.config));
    const answer = new URLSearchParams(Object.entries(parsed.data).filter((e): e is [string, string] => e[1] !== undefined));
    const result = await this.signIn.complete(cookie.kind === 'present' ? cookie.value : undefined, answer, req.sessionCookie);
    if (!result.ok) return this.message(res, PAGES[result.reason].status, PAGES[result.reason].heading, PAGES[result.reason].text);
    setSessionCookie(res, this.config, result.sessionId);
    res.status(200).type('html').send(render('council-signed-in', { title: 'Signed in', cspNonce: res.locals.cspNonce }));
  }

  private message(res: Response, status: number, heading: string, text: string) {
    res.status(status).type('html').send(render('message', { title: heading, heading, text, back: '/sign-in', cspNonce: res.locals.cspNonce }));
  }
}
