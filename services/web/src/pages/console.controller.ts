import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { IntakeHttp } from '@safeguard/contracts';
import type { Response } from 'express';
import { Api, ApiError } from '../api.js';
import { Sessions } from '../application/sessions.js';
import type { WebConfig } from '../config.js';
import { access, startPage } from '../domain/access.js';
import type { SignedIn } from '../domain/signed-in.js';
import { render } from '../render.js';
import { clearSessionCookie, setSessionCookie } from '../http/session-cookie.js';
import { localSignIn } from '../oidc/config.js';
import { WEB_CONFIG } from '../tokens.js';
import { page, signedIn, type ConsoleRequest } from './page.js';
import { episodePage } from './episode-view.js';

/** The console for care staff, duty managers and police liaison officers: server-rendered GOV.UK pages. */
@Controller()
export class ConsoleController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig, private readonly sessions: Sessions, private readonly api: Api) {}

  @Get('sign-in')
  signInPage(@Req() req: ConsoleRequest, @Res() res: Response) {
    page(req, res, 'sign-in', { title: 'Sign in' });
  }

  @Post('sign-in')
  async signIn(@Req() req: ConsoleRequest, @Res() res: Response) {
    // Username and password only where configuration allows them (oidc/config.ts: never in production).
    if (!localSignIn(this.config)) return page(req, res, 'message', { title: 'Page not found', heading: 'Page not found', text: 'Sign in with your council account.', back: '/sign-in' }, 404);
    const username = String(req.body?.username ?? '').trim().slice(0, 100);
    const result = await this.sessions.signIn({ username, password: String(req.body?.password ?? '').slice(0, 200), address: req.ip,
      previousSessionId: req.sessionCookie });
    if (!result.ok) {
      if (result.reason === 'invalid') return page(req, res, 'sign-in', { title: 'Sign in', error: 'Enter a correct username and password', username }, 401);
      const seconds = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000));
      res.setHeader('retry-after', String(seconds));
      return page(req, res, 'sign-in', { title: 'Sign in', username,
        error: `Too many attempts. Wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'}, then try again.` }, 429);
    }
    setSessionCookie(res, this.config, result.sessionId);
    res.redirect(303, '/');
  }

  @Post('sign-out')
  async signOut(@Req() req: ConsoleRequest, @Res() res: Response) {
    if (req.user) await this.sessions.signOut(req.user.sessionId);
    clearSessionCookie(res, this.config);
    res.redirect(303, '/sign-in');
  }

  @Get()
  async home(@Req() req: ConsoleRequest, @Res() res: Response) {
    const user = signedIn(req, res);
    if (!user) return;
    if (!access.may('open', user, 'children')) return res.redirect(303, startPage(user));
    const [children, open] = await Promise.all([this.api.childrenAt(user, user.scope.id), this.api.openEpisodes(user)]);
    const withEpisodes = children.map((c) => ({ ...c, openEpisode: open.episodes.find((e) => e.childId === c.id) }));
    page(req, res, 'home', { title: 'Children at your home', children: withEpisodes });
  }

  @Get('dashboard')
  async dashboard(@Req() req: ConsoleRequest, @Res() res: Response) {
    const user = signedIn(req, res);
    if (!user) return;
    // The NRM watch on the first screen of those who keep it, so an overdue Reasonable Grounds decision is seen, not
    // only found by someone who opens its page.
    // The banner is extra: intake being unreachable must not take the open episodes with it.
    const watch = access.may('open', user, 'nrm') ? this.api.nrmWatch(user, user.scope.id).catch(() => undefined) : undefined;
    const [{ episodes }, nrm] = await Promise.all([this.api.openEpisodes(user), watch]);
    const overdue = nrm?.children.filter((c) => c.overdue) ?? [];
    page(req, res, 'dashboard', { title: 'Open episodes', episodes, nrmOverdue: overdue.length, nrmOverdueMissing: overdue.filter((c) => c.missingNow).length });
  }

  @Get('dashboard/table')
  async dashboardTable(@Req() req: ConsoleRequest, @Res() res: Response) {
    if (!req.user) return void res.status(401).end();
    const { episodes } = await this.api.openEpisodes(req.user);
    res.type('html').send(render('dashboard-table', { episodes }));
  }

  /** Server-sent events: tells the open dashboard when its episodes changed, so it refreshes without a reload. */
  @Get('dashboard/events')
  async dashboardEvents(@Req() req: ConsoleRequest, @Res() res: Response) {
    const user = req.user;
    if (!user) return void res.status(401).end();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    let last = '';
    const check = async () => {
      try {
        const { episodes } = await this.api.openEpisodes(user);
        const digest = JSON.stringify(episodes);
        if (last && digest !== last) res.write(`event: changed\ndata: {}\n\n`);
        last = digest;
      } catch {
        res.write(': tracker unavailable\n\n');
      }
    };
    await check();
    const timer = setInterval(() => void check(), this.config.LIVE_POLL_MS);
    req.on('close', () => clearInterval(timer));
  }

  @Get('episodes/:id')
  async episode(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const user = signedIn(req, res);
    if (!user) return;
    const e = await this.api.episode(user, id);
    const flash = req.query.done === 'ack' ? 'Alert acknowledged' : req.query.done === 'task' ? 'Outcome recorded' : undefined;
    page(req, res, 'episode', { ...episodePage(e, await this.homeOf(user, e.homeId), user), flash });
  }

  /** The home an episode was reported from, to name it and its staff; unnamed if intake does not show it to this person. */
  private homeOf(user: SignedIn, homeId: string): Promise<IntakeHttp.Home | undefined> {
    return this.api.home(user, homeId).catch((e: unknown) => {
      if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return undefined;
      throw e;
    });
  }

  @Post('alerts/:id/acknowledge')
  async acknowledge(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const user = signedIn(req, res);
    if (!user) return;
    await this.api.acknowledge(user, id);
    res.redirect(303, `/episodes/${encodeURIComponent(String(req.body?.episodeId ?? ''))}?done=ack`);
  }

  @Post('tasks/:id')
  async task(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const user = signedIn(req, res);
    if (!user) return;
    await this.api.recordOutcome(user, id, { outcome: String(req.body?.outcome ?? ''), refused: req.body?.refused === 'yes' });
    res.redirect(303, `/episodes/${encodeURIComponent(String(req.body?.episodeId ?? ''))}?done=task`);
  }
}
