import 'reflect-metadata';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { BaseConfig } from './config.js';
import { newWork, runInWork } from './context.js';
import { ProblemDetailsFilter } from './http/problem.js';
import { KafkaEventServer } from './kafka/event-server.js';
import { PinoNestLogger } from './logging.js';
import { KAFKA, LOGGER } from './tokens.js';

export interface StartOptions {
  module: Type | DynamicModule;
  config: BaseConfig;
  /** Whether the service consumes events (its @EventPattern handlers). */
  consumesEvents: boolean;
}

/**
 * Starts a service: HTTP (problem details, work context per request, health), the Kafka consumer when it has
 * handlers, and graceful shutdown on SIGTERM/SIGINT.
 */
export async function startService(o: StartOptions): Promise<INestApplication> {
  const app = await NestFactory.create(o.module, { bufferLogs: true });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.use((req: { headers: Record<string, string | undefined> }, res: { setHeader(k: string, v: string): void }, next: () => void) => {
    const work = newWork(req.headers.traceparent);
    res.setHeader('traceparent', work.traceparent);
    runInWork(work, next);
  });
  app.enableShutdownHooks();
  if (o.consumesEvents) {
    const strategy = new KafkaEventServer({
      kafka: app.get<Kafka>(KAFKA),
      groupId: `${o.config.KAFKA_TOPIC_PREFIX}${o.config.SERVICE_NAME}`,
      prefix: o.config.KAFKA_TOPIC_PREFIX,
      logger,
    });
    app.connectMicroservice({ strategy }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(o.config.PORT, o.config.HOST);
  logger.info({ port: o.config.PORT }, 'service started');
  return app;
}
