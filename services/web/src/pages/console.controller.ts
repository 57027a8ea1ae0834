import { randomUUID } from 'node:crypto';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { Circumstance, type IntakeHttp } from '@safeguard/contracts';
import type { Response } from 'express';
import { Api, ApiError } from '../api.js';
import { Sessions } from '../application/sessions.js';
import type { WebConfig } from '../config.js';
import { access, startPage } from '../domain/access.js';
import { CIRCUMSTANCE_LABELS } from '../labels.js';
import { render } from '../render.js';
import { clearSessionCookie, setSessionCookie } from '../http/session-cookie.js';
import { localSignIn } from '../oidc/config.js';
import { WEB_CONFIG } from '../tokens.js';
import { page, signedIn, type ConsoleRequest } from './page.js';
import { ukLocalToIso, ukNowLocal } from './time.js';

/** Maps a service's problem details onto form fields (invalid-params names like body.lastSeen.at). */
function fieldErrors(e: unknown, fields: Record<string, string>): { errors: { text: string; href: string }[]; byField: Record<string, string> } {
  const byField: Record<string, string> = {};
  if (e instanceof ApiError) {
    for (const p of (e.body['invalid-params'] as { name: string; reason: string }[] | undefined) ?? []) {
      const field = fields[p.name] ?? Object.entries(fields).find(([k]) => p.name.startsWith(k))?.[1];
      if (field && !byField[field]) byField[field] = `Check this answer: ${p.reason}`;
    }
    if (Object.keys(byField).length === 0) byField._ = String(e.body.detail ?? e.body.title ?? 'Something went wrong');
  }
  return { byField, errors: Object.entries(byField).map(([f, text]) => ({ text, href: f === '_' ? '#main-content' : `#${f}` })) };
}

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

  @Get('report/:childId')
  async reportPage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('childId') childId: string) {
    const user = signedIn(req, res, 'children');
    if (!user) return;
    const child = await this.api.child(user, childId);
    page(req, res, 'report', this.reportContext(child, { lastSeenAt: ukNowLocal(), discoveredAt: ukNowLocal() }, [], {}));
  }

  private reportContext(child: IntakeHttp.Child, form: Record<string, unknown>, errors: unknown[], byField: Record<string, string>) {
    const chosen = ([] as string[]).concat((form.circumstances as string[] | string | undefined) ?? []);
    return {
      title: `Report ${child.givenName} missing`, child, form, errors, fieldErrors: byField,
      idempotencyKey: (form.idempotencyKey as string | undefined) ?? `web-${randomUUID()}`,
      circumstanceItems: Circumstance.options.flatMap((c) => (c === 'whereabouts-known' ? [] : [{ value: c, text: CIRCUMSTANCE_LABELS[c], checked: chosen.includes(c) }])),
    };
  }

  @Post('report/:childId')
  async report(@Req() req: ConsoleRequest, @Res() res: Response, @Param('childId') childId: string) {
    const user = signedIn(req, res, 'children');
    if (!user) return;
    const f = req.body as Record<string, string | string[] | undefined>;
    const body = {
      childId, classification: f.classification,
      lastSeen: { at: ukLocalToIso(String(f.lastSeenAt ?? '')), where: String(f.lastSeenWhere ?? ''), by: String(f.lastSeenBy ?? '') },
      discoveredAt: ukLocalToIso(String(f.discoveredAt ?? '')),
      circumstances: ([] as string[]).concat(f.circumstances ?? []),
      ...(String(f.clothing ?? '').trim() ? { clothing: String(f.clothing) } : {}),
    };
    try {
      const r = await this.api.reportAbsence(user, body, String(f.idempotencyKey ?? '').slice(0, 128));
      page(req, res, 'reported', { title: 'Absence reported', reference: r.reference });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const child = await this.api.child(user, childId);
      const { errors, byField } = fieldErrors(e, {
        'body.classification': 'classification', 'body.lastSeen.at': 'lastSeenAt', 'body.lastSeen.where': 'lastSeenWhere',
        'body.lastSeen.by': 'lastSeenBy', 'body.discoveredAt': 'discoveredAt', 'body.clothing': 'clothing',
      });
      page(req, res, 'report', this.reportContext(child, f, errors, byField), 400);
    }
  }

  @Get('return/:episodeId')
  async returnPage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('episodeId') episodeId: string) {
    const user = signedIn(req, res, 'children');
    if (!user) return;
    const episode = await this.api.episode(user, episodeId);
    page(req, res, 'return', { title: 'Report a return', episode, form: { locatedAt: ukNowLocal(), returnedAt: ukNowLocal() }, errors: [], fieldErrors: {} });
  }

  @Post('return/:episodeId')
  async returned(@Req() req: ConsoleRequest, @Res() res: Response, @Param('episodeId') episodeId: string) {
    const user = signedIn(req, res, 'children');
    if (!user) return;
    const f = req.body as Record<string, string | undefined>;
    try {
      await this.api.reportReturn(user, episodeId, {
        locatedAt: ukLocalToIso(String(f.locatedAt ?? '')), returnedAt: ukLocalToIso(String(f.returnedAt ?? '')),
        where: String(f.where ?? ''), by: String(f.by ?? ''), foundBy: f.foundBy,
      });
      page(req, res, 'message', { title: 'Return recorded', heading: 'Return recorded', panel: true,
        text: 'Everyone who was alerted is being told. A return home interview is due within 72 hours.' });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const episode = await this.api.episode(user, episodeId);
      const { errors, byField } = fieldErrors(e, { 'body.locatedAt': 'locatedAt', 'body.returnedAt': 'returnedAt', 'body.where': 'where', 'body.by': 'by', 'body.foundBy': 'foundBy' });
      page(req, res, 'return', { title: 'Report a return', episode, form: f, errors, fieldErrors: byField }, 400);
    }
  }

  @Get('dashboard')
  async dashboard(@Req() req: ConsoleRequest, @Res() res: Response) {
    const user = signedIn(req, res);
    if (!user) return;
    const { episodes } = await this.api.openEpisodes(user);
    page(req, res, 'dashboard', { title: 'Open episodes', episodes });
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
    page(req, res, 'episode', { title: `Episode ${e.reference}`, e, flash, canManage: access.may('recordOutcomes', user, e) });
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

  @Get('police')
  async police(@Req() req: ConsoleRequest, @Res() res: Response) {
    const user = signedIn(req, res, 'escalations');
    if (!user) return;
    const { alerts } = await this.api.awaitingAlerts(user);
    page(req, res, 'police', { title: 'Escalations', alerts, errors: {}, flash: req.query.done === 'ack' ? 'Escalation acknowledged' : undefined });
  }

  @Post('police/alerts/:id/acknowledge')
  async policeAck(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const user = signedIn(req, res, 'escalations');
    if (!user) return;
    try {
      await this.api.acknowledge(user, id, { policeReference: String(req.body?.policeReference ?? '').trim() });
      res.redirect(303, '/police?done=ack');
    } catch (e) {
      const { alerts } = await this.api.awaitingAlerts(user);
      const message = e instanceof ApiError && e.status === 400 ? 'Enter the police reference number (letters, digits, / or -)' : 'This alert could not be acknowledged';
      page(req, res, 'police', { title: 'Escalations', alerts, errors: { [id]: message } }, 400);
    }
  }

  @Get('police/episodes/:id/pack')
  async pack(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const user = signedIn(req, res, 'escalations');
    if (!user) return;
    const e = await this.api.episode(user, id);
    const pack = await this.api.informationPack(user, e.childId);
    page(req, res, 'pack', { title: 'Information pack', reference: e.reference, child: { id: e.childId, ...pack.child }, pack, photo: Boolean(pack.photoType) });
  }

  @Get('police/children/:id/photo')
  async photo(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const user = signedIn(req, res, 'escalations');
    if (!user) return;
    const { type, bytes } = await this.api.photo(user, id);
    res.setHeader('cache-control', 'no-store');
    res.type(type).send(bytes);
  }
}
