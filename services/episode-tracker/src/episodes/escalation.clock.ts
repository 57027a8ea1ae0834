import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, DurableTimers, HealthRegistry, LOGGER, type TimerHandler } from '@safeguard/platform';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import type { TrackerConfig } from '../config.js';

/**
 * The episode-tracker's durable clock (design §3): rung steps, acknowledgement deadlines and task deadlines are
 * PostgreSQL rows; BullMQ only wakes the worker. Timer ids are namespaced by episode so a return cancels them all.
 */
@Injectable()
export class EscalationClock implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly timers: DurableTimers;

  constructor(@Inject(CONFIG) config: TrackerConfig, @Inject(LOGGER) logger: Logger, dataSource: DataSource, health: HealthRegistry) {
    this.timers = new DurableTimers({
      dataSource, redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, queue: 'escalation', logger,
      reconcileMs: config.TIMER_RECONCILE_MS, health,
    });
  }

  on(kind: 'rung' | 'ack' | 'task', handler: TimerHandler) {
    this.timers.on(kind, handler);
  }

  bookRungs(em: EntityManager, episodeId: string, rungs: { rungKey: string; dueAt: Date }[]) {
    return this.timers.scheduleAll(em, rungs.map(({ rungKey, dueAt }) => ({
      id: `rung:${episodeId}:${rungKey}`, kind: 'rung', dueAt, payload: { episodeId, rungKey },
    })));
  }

  bookAck(em: EntityManager, episodeId: string, alertId: string, dueAt: Date) {
    return this.timers.schedule(em, { id: `ack:${episodeId}:${alertId}`, kind: 'ack', dueAt, payload: { alertId } });
  }

  bookTaskBreach(em: EntityManager, episodeId: string, taskId: string, dueAt: Date) {
    return this.timers.schedule(em, { id: `task:${episodeId}:${taskId}`, kind: 'task', dueAt, payload: { taskId } });
  }

  cancelRung(em: EntityManager, episodeId: string, rungKey: string) {
    return this.timers.cancel(em, `rung:${episodeId}:${rungKey}`);
  }

  cancelRungs(em: EntityManager, episodeId: string) {
    return this.timers.cancel(em, `rung:${episodeId}:`);
  }

  /** The child is back: no more rungs or acknowledgement chases (task deadlines stay). */
  async cancelAll(em: EntityManager, episodeId: string) {
    await this.timers.cancel(em, `rung:${episodeId}:`);
    await this.timers.cancel(em, `ack:${episodeId}:`);
  }

  wake() {
    return this.timers.reconcile();
  }

  onApplicationBootstrap() {
    return this.timers.start();
  }

  onApplicationShutdown() {
    return this.timers.stop();
  }
}
