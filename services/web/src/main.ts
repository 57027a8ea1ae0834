import 'reflect-metadata';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Catch, HttpException, Module, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, ensureDatabase, HealthController, HealthRegistry, openDatabase, pageHeaders, PinoNestLogger, serviceTokenSigner } from '@safeguard/platform';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DataSource } from 'typeorm';
import { Api, ApiError, ResponseMismatch } from './api.js';
import { Sessions } from './application/sessions.js';
import { loadWebConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { AbsenceController } from './pages/absence.controller.js';
import { ConsoleController } from './pages/console.controller.js';
import { NrmController } from './pages/nrm.controller.js';
import { PoliceController } from './pages/police.controller.js';
import { InsightController } from './insight/insight.controller.js';
import { GOVUK_DIST, render } from './render.js';
import { AccountRepository } from './repositories/account.repository.js';
import { SessionRepository } from './repositories/session.repository.js';
import { SignInFailureRepository } from './repositories/sign-in-failure.repository.js';
import { requestSession } from './http/request-session.js';
import { metricsEndpoint, timeRequests } from './http/metrics.js';
import { councilSignInParts } from './oidc/council-sign-in.parts.js';
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
    res.status(status).type('html').send(render('message', { title: heading, heading, text: status === 404 ? 'It may not be in your area.' : 'Try again later.',
      cspNonce: res.locals.cspNonce }));
  }
}

/** A form body that cannot be read (malformed, too large, an unknown charset) is the sender's mistake, never a 500. */
function formErrors(err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) {
  const known = err?.type?.startsWith('entity.') || ['encoding.unsupported', 'charset.unsupported', 'parameters.too.many'].includes(err?.type ?? '');
  if (!known) return next(err);
  const status = err.type === 'entity.too.large' || err.type === 'parameters.too.many' ? 413 : 400;
  res.status(status).type('html').send(render('message', { title: 'Check what you entered', heading: 'Check what you entered',
    text: status === 413 ? 'What you sent is too long.' : 'The form could not be read. Go back and try again.', cspNonce: res.locals.cspNonce }));
}

/** TRUST_PROXY as Express takes it: a boolean, a hop count, or names and addresses of trusted proxies. */
const trustProxy = (v: string): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v);

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

const councilSignIn = councilSignInParts(logger);

@Module({
  controllers: [ConsoleController, AbsenceController, PoliceController, NrmController, InsightController, HealthController, ...councilSignIn.controllers],
  providers: [
    ...councilSignIn.providers,
    { provide: WEB_CONFIG, useValue: config }, { provide: DataSource, useValue: dataSource },
    AccountRepository, SessionRepository, SignInFailureRepository, Sessions,
    { provide: HealthRegistry, inject: [Sessions], useFactory: readiness },
    { provide: Api, useValue: new Api(await serviceTokenSigner(config.SERVICE_TOKEN_SIGNING_KEY, config.SERVICE_TOKEN_ISSUER), { intake: config.INTAKE_URL, tracker: config.TRACKER_URL }) },
  ],
})
class WebModule {}

const app = await NestFactory.create<NestExpressApplication>(WebModule, { bodyParser: false, logger: new PinoNestLogger(logger) });
const sessions = app.get(Sessions);
app.set('trust proxy', trustProxy(config.TRUST_PROXY));
app.useGlobalFilters(new PageErrors());
app.use(timeRequests());
app.use(pageHeaders({ https: config.COOKIE_SECURE }));
// Static assets hold nothing personal and may be cached; everything after them may.
const cached = { maxAge: '1h', index: false };
app.use('/govuk', express.static(join(GOVUK_DIST, 'govuk'), cached));
app.use('/assets', express.static(join(GOVUK_DIST, 'govuk', 'assets'), cached));
app.use('/static', express.static(join(dirname(fileURLToPath(import.meta.url)), '..', 'static'), cached));
// Prometheus scrapes the console as it does every service: no session, and never through the public proxy.
app.use('/metrics', metricsEndpoint());
app.use((_req: Request, res: Response, next: NextFunction) => {
  res.setHeader('cache-control', 'no-store');
  next();
});
app.use(express.urlencoded({ extended: false, limit: '32kb' }));
app.use(formErrors);
app.use(requestSession(sessions, config));
app.enableShutdownHooks();
await app.listen(config.PORT, config.HOST);
logger.info({ port: config.PORT }, 'web started');
