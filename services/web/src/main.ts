import 'reflect-metadata';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Catch, HttpException, Module, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, ensureDatabase, HealthController, HealthRegistry, openDatabase, PinoNestLogger } from '@safeguard/platform';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DataSource } from 'typeorm';
import { Api, ApiError, ResponseMismatch } from './api.js';
import { Sessions } from './application/sessions.js';
import { loadWebConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { ConsoleController } from './pages/console.controller.js';
import type { ConsoleRequest } from './pages/page.js';
import { InsightController } from './insight/insight.controller.js';
import { GOVUK_DIST, render } from './render.js';
import { AccountRepository } from './repositories/account.repository.js';
import { SessionRepository } from './repositories/session.repository.js';
import { WEB_CONFIG } from './tokens.js';

const config = loadWebConfig();
const logger = createLogger('web', config.LOG_LEVEL);
await ensureDatabase(config.DATABASE_URL);
const dataSource = await openDatabase({ ...DATABASE, url: config.DATABASE_URL });

/** Service errors become plain pages; nothing about the data leaks into them. */
@Catch()
class PageErrors implements ExceptionFilter {
  catch(e: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const status = e instanceof ApiError ? (e.status === 403 || e.status === 404 ? 404 : e.status === 401 ? 401 : e.status < 500 ? 400 : 502)
      : e instanceof ResponseMismatch ? 502 : e instanceof HttpException ? e.getStatus() : 500;
    // A drifted answer is logged with the call and the fields that are wrong (never their values).
    if (e instanceof ResponseMismatch) logger.error({ error: e.name, service: e.service, call: e.call, issues: e.issues }, e.message);
    else if (status >= 500) logger.error({ error: (e as Error)?.name }, 'page failed');
    if (res.headersSent) return;
    const heading = status === 404 ? 'Page not found' : status === 401 ? 'Sign in again' : status < 500 ? 'Check what you entered'
      : 'Sorry, there is a problem with the service';
    res.status(status).type('html').send(render('message', { title: heading, heading, text: status === 404 ? 'It may not be in your area.' : 'Try again later.' }));
  }
}

/** Ready when the console's own database and the services it calls answer. */
function readiness(sessions: Sessions): HealthRegistry {
  const health = new HealthRegistry();
  health.register('postgres', () => sessions.ready());
  for (const [name, base] of [['intake', config.INTAKE_URL], ['episode-tracker', config.TRACKER_URL]] as const) {
    health.register(name, async () => {
      const res = await fetch(new URL('/health/live', base));
      if (!res.ok) throw new Error(`answered ${res.status}`);
    });
  }
  return health;
}

@Module({
  controllers: [ConsoleController, InsightController, HealthController],
  providers: [
    { provide: WEB_CONFIG, useValue: config }, { provide: DataSource, useValue: dataSource },
    AccountRepository, SessionRepository, Sessions,
    { provide: HealthRegistry, inject: [Sessions], useFactory: readiness },
    { provide: Api, useValue: new Api(config.SERVICE_TOKEN_SECRET, { intake: config.INTAKE_URL, tracker: config.TRACKER_URL }) },
  ],
})
class WebModule {}

const cookies = (header: string | undefined): Record<string, string> =>
  Object.fromEntries((header ?? '').split(';').map((c) => c.trim().split('=')).filter((p) => p.length === 2).map(([k, v]) => [k!, decodeURIComponent(v!)]));
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const app = await NestFactory.create(WebModule, { bodyParser: false, logger: new PinoNestLogger(logger) });
const sessions = app.get(Sessions);
app.useGlobalFilters(new PageErrors());
app.use((_req: Request, res: Response, next: NextFunction) => {
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('content-security-policy', "default-src 'self'; script-src 'self' 'unsafe-inline'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'self'");
  next();
});
app.use('/govuk', express.static(join(GOVUK_DIST, 'govuk'), { maxAge: '1h', index: false }));
app.use('/assets', express.static(join(GOVUK_DIST, 'govuk', 'assets'), { maxAge: '1h', index: false }));
app.use('/static', express.static(join(dirname(fileURLToPath(import.meta.url)), '..', 'static'), { maxAge: '1h', index: false }));
app.use(express.urlencoded({ extended: false, limit: '32kb' }));
// The session (from an HTTP-only cookie) and CSRF: signed-in forms carry the session's token; the sign-in form a
// double-submit cookie.
app.use(async (req: ConsoleRequest, res: Response, next: NextFunction) => {
  try {
    const jar = cookies(req.headers.cookie);
    req.user = await sessions.resolve(jar.sg_session);
    let preSession = jar.sg_csrf;
    if (!req.user && !preSession) {
      preSession = randomBytes(24).toString('base64url');
      res.cookie('sg_csrf', preSession, { httpOnly: true, secure: config.COOKIE_SECURE, sameSite: 'strict', path: '/' });
    }
    req.csrf = req.user?.csrfToken ?? preSession;
    if (req.method === 'POST') {
      const sent = String((req.body as Record<string, unknown> | undefined)?._csrf ?? '');
      if (!req.csrf || !same(sent, req.csrf)) {
        res.status(403).type('html').send(render('message', { title: 'Form expired', heading: 'This form has expired', text: 'Go back, refresh the page and try again.' }));
        return;
      }
    }
    next();
  } catch (e) {
    next(e);
  }
});
app.enableShutdownHooks();
await app.listen(config.PORT, config.HOST);
logger.info({ port: config.PORT }, 'web started');
