import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthRegistry, LOGGER, CONFIG } from '@safeguard/platform';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { NotifierConfig } from '../config.js';
import { DeliveryRepository } from '../repositories/delivery.repository.js';

const QUEUE = 'deliveries';
/** 10 attempts, 1 s doubling: about 8.5 minutes before a channel counts as failed (the other has started at once). */
const ATTEMPTS = 10;

/**
 * Thin BullMQ jobs that carry a delivery id only. PostgreSQL is the truth: the reconciler re-queues every pending
 * delivery at start, after a Redis reconnect and every 30 s (DELIVERY_RECONCILE_MS), so a Redis flush loses nothing. Job ids are
 * deterministic, so re-queueing never duplicates.
 */
@Injectable()
export class DeliveryQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private connection!: Redis;
  /** Set by the DeliveryService (which needs the queue for fallbacks): sends one delivery, returning any to queue next. */
  private handler?: (deliveryId: string, attempt: number, maxAttempts: number) => Promise<string[]>;
  private sweep?: () => Promise<string[]>;
  private queue!: Queue;
  private worker!: Worker;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(CONFIG) private readonly config: NotifierConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly repo: DeliveryRepository,
    private readonly health: HealthRegistry,
  ) {}

  /** The sender of one delivery, and the sweep the reconciler also runs (sent deliveries whose receipt is overdue). */
  process(handler: (deliveryId: string, attempt: number, maxAttempts: number) => Promise<string[]>, sweep: () => Promise<string[]>) {
    this.handler = handler;
    this.sweep = sweep;
  }

  async onApplicationBootstrap() {
    this.connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    const opts = { connection: this.connection, prefix: this.config.QUEUE_PREFIX };
    this.queue = new Queue(QUEUE, opts);
    this.worker = new Worker(QUEUE, async (job) => {
      const next = await this.handler!(job.data.deliveryId, job.attemptsMade + 1, ATTEMPTS);
      if (next.length > 0) await this.enqueue(next);
    }, {
      ...opts,
      concurrency: this.config.DELIVERY_CONCURRENCY,
      // A job held by a worker that died is taken back within seconds, not the default 30 s.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ deliveryId: job?.data.deliveryId, attempt: job?.attemptsMade, reason: error.message }, 'delivery attempt failed'));
    this.worker.on('error', (error) => this.logger.warn({ reason: error.message }, 'delivery worker error'));
    this.connection.on('ready', () => void this.reconcile());
    this.health.register('redis', async () => {
      if ((await this.connection.ping()) !== 'PONG') throw new Error('no PONG');
    });
    this.timer = setInterval(() => void this.reconcile(), this.config.DELIVERY_RECONCILE_MS);
    await this.reconcile();
  }

  async enqueue(deliveryIds: string[]): Promise<void> {
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: 'deliver',
        data: { deliveryId },
        opts: {
          jobId: `delivery-${deliveryId}`,
          attempts: ATTEMPTS,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: true, // so the reconciler can queue it again; PostgreSQL keeps the state
        },
      })),
    );
  }

  /** Re-queues every pending delivery (deterministic job ids make this idempotent). */
  async reconcile(): Promise<void> {
    try {
      // The sweep first, on its own: a fault in it must never stop pending deliveries being queued again.
      const swept = await this.sweep?.().catch((error: Error) => {
        this.logger.warn({ reason: error.message }, 'receipt sweep failed; will retry');
        return [];
      }) ?? [];
      const ids = [...swept, ...(await this.repo.pendingIds(this.dataSource.manager))];
      if (ids.length > 0) await this.enqueue(ids);
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'delivery reconcile failed; will retry');
    }
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.worker?.close();
    await this.queue?.close();
    this.connection?.disconnect();
  }
}
