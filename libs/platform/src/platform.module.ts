import {
  Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ServiceTokenGuard } from './auth/guard.js';
import { Audience, serviceTokenVerifier } from './auth/service-token.js';
import type { BaseConfig } from './config.js';
import { ensureDatabase, openDatabase, type DatabaseSettings } from './db/database.js';
import { HealthController, HealthRegistry } from './health/health.js';
import { MetricsController } from './metrics.js';
import { createKafka } from './kafka/client.js';
import { RenewingProducer } from './kafka/producer.js';
import { createLogger } from './logging.js';
import { Inbox } from './inbox/inbox.js';
import { Outbox } from './outbox/outbox.js';
import { OutboxRelay } from './outbox/relay.js';
import { Retention } from './retention.js';
import { CONFIG, KAFKA, LOGGER } from './tokens.js';

/** Starts the outbox relay and retention once the app is up and stops them (and the producer) on shutdown. */
@Injectable()
class OutboxLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer?: RenewingProducer;
  private relay?: OutboxRelay;
  private retention?: Retention;

  constructor(
    @Inject(CONFIG) private readonly config: BaseConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly health: HealthRegistry,
  ) {}

  async onApplicationBootstrap() {
    this.producer = new RenewingProducer(this.kafka, this.logger, 'outbox');
    const admin = this.kafka.admin();
    this.health.register('postgres', () => this.dataSource.query('SELECT 1'));
    this.health.register('kafka', async () => {
      await admin.connect();
      await admin.describeCluster();
    });
    // The relay starts even while Kafka is down: reports are kept in the outbox until it is back.
    await this.producer.connect().catch((e: Error) => this.logger.warn({ reason: e.message }, 'kafka not reachable yet'));
    this.relay = new OutboxRelay({
      dataSource: this.dataSource,
      producer: this.producer,
      databaseUrl: this.config.DATABASE_URL,
      prefix: this.config.KAFKA_TOPIC_PREFIX,
      logger: this.logger,
    });
    await this.relay.start();
    this.retention = new Retention(this.dataSource, this.config, this.logger);
    this.retention.start();
  }

  async onApplicationShutdown() {
    await this.retention?.stop();
    await this.relay?.stop();
    await this.producer?.disconnect().catch(() => undefined);
    await this.dataSource.destroy().catch(() => undefined);
  }
}

export interface PlatformOptions {
  config: BaseConfig;
  database: Omit<DatabaseSettings, 'url'>;
}

/** Everything a service needs from the platform: config, logger, PostgreSQL, outbox, Kafka, health, auth. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot({ config, database }: PlatformOptions): DynamicModule {
    const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL);
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: KAFKA, useValue: createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.SERVICE_NAME, security: config }, logger) },
        {
          provide: DataSource,
          useFactory: async () => {
            await ensureDatabase(config.DATABASE_URL);
            return openDatabase({ poolSize: config.DB_POOL_SIZE, ...database, url: config.DATABASE_URL });
          },
        },
        { provide: Outbox, useValue: new Outbox(config.SERVICE_NAME) },
        { provide: Inbox, useFactory: (ds: DataSource) => new Inbox(ds, config.SERVICE_NAME), inject: [DataSource] },
        { provide: APP_GUARD, useFactory: (r: Reflector) => new ServiceTokenGuard(r, serviceTokenVerifier(config.SERVICE_TOKEN_PUBLIC_KEYS, Audience.parse(config.SERVICE_NAME), config.SERVICE_TOKEN_ISSUERS)), inject: [Reflector] },
        HealthRegistry,
        OutboxLifecycle,
      ],
      exports: [CONFIG, LOGGER, KAFKA, DataSource, Outbox, Inbox, HealthRegistry],
    };
  }
}
