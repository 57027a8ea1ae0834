import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { batchOf, inOwnBatch } from '../inbox/batch.js';
import { timerLateness } from '../metrics.js';

export interface DueTimer {
  id: string;
  kind: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

export type TimerHandler = (em: EntityManager, timer: DueTimer) => Promise<void>;

export interface DurableTimersOptions {
  dataSource: DataSource;
  redisUrl: string;
  /** BullMQ key prefix (environment or test isolation). */
  prefix: string;
  /** Queue name, one per service. */
  queue: string;
  logger: Logger;
  /** How often the reconciler runs; it queues every timer due within twice this. */
  reconcileMs?: number;
  /** Readiness: the clock reports whether Redis answers. */
  health?: { register(name: string, check: () => Promise<unknown>): void };
}

/**
 * Timers that survive restarts and Redis flushes. PostgreSQL holds every pending timer; the reconciler (at start,
 * after a Redis reconnect and every `reconcileMs`) turns those falling due soon into BullMQ delayed jobs with
 * deterministic ids; the worker locks the row (SKIP LOCKED), checks its token, runs the handler and marks it fired
 * in one transaction, so each timer fires once. A timer that fell due while the service was down fires at start.
 */
export class DurableTimers {
  private readonly handlers = new Map<string, TimerHandler>();
  private readonly locksFirst = new Map<string, TimerHandler>();
  private connection?: Redis;
  private queue?: Queue;
  private worker?: Worker;
  private timer?: NodeJS.Timeout;
  private reconciling?: Promise<void>;
  private next?: Promise<void>;

  constructor(private readonly o: DurableTimersOptions) {
    o.health?.register('redis', () => this.ping());
  }

  /**
   * `lockFirst` takes the locks the handler will need before the timer row is locked, in the order every other writer
   * takes them (e.g. the episode before its timers), so a timer firing and an event cancelling it never deadlock.
   */
  on(kind: string, handler: TimerHandler, lockFirst?: TimerHandler): void {
    this.handlers.set(kind, handler);
    if (lockFirst) this.locksFirst.set(kind, lockFirst);
  }

  /**
   * Books (or re-books) a timer in the caller's transaction. Inside a consumer's batch, a timer due soon is queued as
   * soon as the batch commits; otherwise call `reconcile()` after commit for near timers (or the next sweep finds it).
   */
  async schedule(em: EntityManager, t: DueTimer): Promise<void> {
    await this.scheduleAll(em, [t]);
  }

  /** Books several timers in one statement (a ladder books all its later rungs when the episode opens). */
  async scheduleAll(em: EntityManager, booked: DueTimer[]): Promise<void> {
    const timers = [...new Map(booked.map((t) => [t.id, t])).values()].map((t) => ({ ...t, token: randomUUID() })); // the last booking of an id wins
    if (timers.length === 0) return;
    await em.query(
      `INSERT INTO timer (id, kind, due_at, payload, state, token)
       SELECT id, kind, due_at, payload, 'pending', token
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[], $5::uuid[]) AS t(id, kind, due_at, payload, token)
       ON CONFLICT (id) DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, state = 'pending',
         token = EXCLUDED.token, fired_at = NULL, settled_at = NULL`,
      [timers.map((t) => t.id), timers.map((t) => t.kind), timers.map((t) => t.dueAt), timers.map((t) => JSON.stringify(t.payload)),
        timers.map((t) => t.token)],
    );
    // What was just booked needs no query to find: its wake-up is queued once the batch commits (a rolled-back batch
    // drops it; a wake-up whose token the table does not hold fires nothing).
    const horizon = Date.now() + this.horizonMs();
    const near = timers.filter((t) => t.dueAt.getTime() <= horizon).map((t) => ({ id: t.id, token: t.token, due: t.dueAt.getTime() }));
    if (near.length > 0) batchOf(em)?.later(() => this.enqueue(near));
  }

  /** Cancels pending timers whose id starts with a prefix (e.g. every timer of an episode), or is the id itself. */
  async cancel(em: EntityManager, idPrefix: string): Promise<void> {
    await em.query(`UPDATE timer SET state = 'cancelled', settled_at = now() WHERE state = 'pending' AND id LIKE $1`, [`${idPrefix}%`]);
  }

  async start(): Promise<void> {
    this.connection = new Redis(this.o.redisUrl, { maxRetriesPerRequest: null });
    const opts = { connection: this.connection, prefix: this.o.prefix };
    this.queue = new Queue(this.o.queue, opts);
    this.worker = new Worker(this.o.queue, (job) => this.fire(job.data.id, job.data.token), {
      ...opts, concurrency: 4, lockDuration: 10_000, stalledInterval: 5_000,
    });
    this.worker.on('error', (e) => this.o.logger.warn({ reason: e.message }, 'timer worker error'));
    this.worker.on('failed', (job, e) => this.o.logger.warn({ timerId: job?.data.id, reason: e.message }, 'timer failed; will retry'));
    this.connection.on('ready', () => void this.reconcile());
    this.timer = setInterval(() => void this.reconcile(), this.o.reconcileMs ?? 30_000);
    await this.reconcile();
  }

  /** Redis answers (the clock cannot wake without it, though it loses nothing while it is down). */
  private async ping(): Promise<void> {
    if ((await this.connection?.ping()) !== 'PONG') throw new Error('redis does not answer');
  }

  /**
   * Queues a wake-up for every pending timer due within the horizon (idempotent by job id). Calls that arrive while
   * one runs share a single further pass, which starts after they were made: many requests committing at once ask
   * for one pass or two, and each still finds its own timers queued when its promise resolves.
   */
  reconcile(): Promise<void> {
    if (this.reconciling) {
      return (this.next ??= this.reconciling.then(() => {
        this.next = undefined;
        return this.reconcile();
      }));
    }
    return (this.reconciling = this.reconcileOnce().finally(() => (this.reconciling = undefined)));
  }

  private horizonMs(): number {
    return 2 * (this.o.reconcileMs ?? 30_000);
  }

  private async reconcileOnce(): Promise<void> {
    if (!this.queue) return;
    try {
      const rows: { id: string; token: string; due: string }[] = await this.o.dataSource.query(
        `SELECT id, token, (extract(epoch from due_at) * 1000)::bigint AS due FROM timer
          WHERE state = 'pending' AND due_at <= now() + ($1 || ' milliseconds')::interval ORDER BY due_at LIMIT 5000`,
        [this.horizonMs()],
      );
      await this.enqueue(rows.map((r) => ({ id: r.id, token: r.token, due: Number(r.due) })));
    } catch (error) {
      this.o.logger.warn({ reason: (error as Error).message }, 'timer reconcile failed; will retry');
    }
  }

  /** A delayed job per timer, its id the booking's token: queueing a booking twice queues it once. */
  private async enqueue(timers: { id: string; token: string; due: number }[]): Promise<void> {
    if (!this.queue || timers.length === 0) return;
    const now = Date.now();
    await this.queue.addBulk(timers.map((t) => ({
      name: 'fire',
      data: { id: t.id, token: t.token },
      opts: {
        jobId: `timer-${t.token}`,
        delay: Math.max(0, t.due - now),
        attempts: 20,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: true,
        removeOnFail: true, // so the reconciler can queue it again; PostgreSQL keeps the state
      },
    })));
  }

  /** In a batch of one, so timers its handler books (the next step, a deadline) are queued once it commits. */
  private async fire(id: string, token: string): Promise<void> {
    await inOwnBatch(this.o.dataSource, async (em) => {
      const [peek] = await em.query(`SELECT id, kind, due_at AS "dueAt", payload FROM timer WHERE id = $1 AND token = $2 AND state = 'pending'`, [id, token]);
      if (!peek) return;
      await this.locksFirst.get(peek.kind)?.(em, peek);
      const [row] = await em.query(
        `SELECT id, kind, due_at AS "dueAt", payload FROM timer
          WHERE id = $1 AND token = $2 AND state = 'pending' AND due_at <= now() FOR UPDATE SKIP LOCKED`,
        [id, token],
      );
      if (!row) return; // fired, cancelled, re-booked, or another replica holds it
      const handler = this.handlers.get(row.kind);
      if (!handler) throw new Error(`no handler for timer kind ${row.kind}`);
      await handler(em, row);
      await em.query(`UPDATE timer SET state = 'fired', fired_at = now(), settled_at = now() WHERE id = $1`, [id]);
      const lateMs = Date.now() - new Date(row.dueAt).getTime();
      timerLateness.observe({ kind: row.kind }, lateMs / 1000);
      this.o.logger.info({ timerId: id, kind: row.kind, lateMs }, 'timer fired');
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.worker?.close();
    await this.queue?.close();
    this.connection?.disconnect();
  }
}
