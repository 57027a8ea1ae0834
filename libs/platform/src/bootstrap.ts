import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express from 'express';
import helmet from 'helmet';
import type { Kafka } from 'kafkajs';
import { consumerGroupOf } from '@safeguard/contracts';
import type { Logger } from 'pino';
import type { BaseConfig } from './config.js';
import { newWork, runInWork } from './context.js';
import { ProblemDetailsFilter } from './http/problem.js';
import { KafkaEventServer } from './kafka/event-server.js';
import { PinoNestLogger } from './logging.js';
import { KAFKA, LOGGER } from './tokens.js';
import { httpDuration } from './metrics.js';

export interface StartOptions {
  module: Type | DynamicModule;
  config: BaseConfig;
  /** Whether the service consumes events (its @EventPattern handlers). */
  consumesEvents: boolean;
  /** Extra body parsers for particular routes (e.g. an image upload), registered before the error handler. */
  configure?: (app: INestApplication) => void;
}

/** Body-parser failures (malformed JSON, too large) become problem details too, naming what was wrong. */
function bodyErrors(err: { type?: string; status?: number }, req: { originalUrl: string }, res: express.Response, next: (e?: unknown) => void) {
  if (!err?.type?.startsWith('entity.') && err?.type !== 'encoding.unsupported' && err?.type !== 'charset.unsupported') return next(err);
  const tooLarge = err.type === 'entity.too.large';
  res.status(tooLarge ? 413 : 400).type('application/problem+json').json({
    type: 'about:blank', status: tooLarge ? 413 : 400, title: tooLarge ? 'Request too large' : 'Invalid request',
    detail: tooLarge ? 'The body is larger than this endpoint accepts' : 'The body is not valid JSON',
    'invalid-params': [{ name: 'body', reason: tooLarge ? 'too large' : 'not valid JSON' }], instance: req.originalUrl.split('?')[0],
  });
}

/**
 * Security headers for a JSON API: helmet's defaults (HSTS for a year with subdomains, nosniff, no referrer, no
 * framing, no X-Powered-By) with a CSP that lets a response load nothing, and `cache-control: no-store` on every
 * response, since they carry personal data. A route that serves pages or assets sets its own CSP or caching over these.
 */
export function apiHeaders() {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    frameguard: { action: 'deny' },
  });
  return (req: express.Request, res: express.Response, next: (e?: unknown) => void) => {
    res.setHeader('cache-control', 'no-store');
    headers(req, res, next);
  };
}

/**
 * Security headers for server-rendered pages: helmet's defaults with a CSP that runs scripts only from the site itself
 * or inline with this response's nonce (left in `res.locals.cspNonce` for the template; GOV.UK Frontend's template
 * takes it as `cspNonce`), never `unsafe-inline`. `upgrade-insecure-requests` only where the site is served over HTTPS.
 */
export function pageHeaders(o: { https: boolean }) {
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as express.Response).locals.cspNonce as string}'`;
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'", nonce], scriptSrcAttr: ["'none'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"], connectSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"],
        frameAncestors: ["'none'"], ...(o.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
  });
  return (req: express.Request, res: express.Response, next: (e?: unknown) => void) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    headers(req, res, next);
  };
}

/**
 * Starts a service: HTTP (problem details, work context per request, health), the Kafka consumer when it has
 * handlers, and graceful shutdown on SIGTERM/SIGINT.
 */
export async function startService(o: StartOptions): Promise<INestApplication> {
  const app = await NestFactory.create(o.module, { bufferLogs: true, bodyParser: false });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.use(apiHeaders());
  // Every request gets its work context (correlation id, trace) and is timed for /metrics.
  app.use((req: express.Request, res: express.Response, next: () => void) => {
    const work = newWork(req.get('traceparent'));
    res.setHeader('traceparent', work.traceparent);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      httpDuration.observe({ method: req.method, route: req.route?.path ?? 'unmatched', status: String(res.statusCode) },
        Number(process.hrtime.bigint() - started) / 1e9);
    });
    runInWork(work, next);
  });
  app.use(express.json({ limit: '256kb' }));
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  o.configure?.(app);
  app.use(bodyErrors);
  app.enableShutdownHooks();
  if (o.consumesEvents) {
    const strategy = new KafkaEventServer({
      kafka: app.get<Kafka>(KAFKA),
      groupId: consumerGroupOf(o.config.SERVICE_NAME, o.config.KAFKA_TOPIC_PREFIX),
      prefix: o.config.KAFKA_TOPIC_PREFIX,
      logger,
      batchSize: o.config.EVENT_BATCH_SIZE,
    });
    app.connectMicroservice({ strategy }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(o.config.PORT, o.config.HOST);
  logger.info({ port: o.config.PORT }, 'service started');
  return app;
}
