import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, DurableTimers, HealthRegistry, LOGGER, type TimerHandler } from '@safeguard/platform';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import type { TrackerConfig } from '../config.js';
import type { Timer } from '../domain/effects.js';

/** The timer kinds the clock holds, with the id part after the episode: a step key, an alert id, a task id. */
const ID = { step: 'rung', ack: 'ack', task: 'task' } as const;
const idOf = (episodeId: string, t: Timer) =>
  `${ID[t.kind]}:${episodeId}:${t.kind === 'step' ? t.stepKey : t.kind === 'ack' ? t.alertId : t.taskId}`;

/**
 * The episode-tracker's durable clock: ladder steps, acknowledgement deadlines and task deadlines are PostgreSQL
 * rows; BullMQ only wakes the worker. Timer ids are namespaced by episode, so a return cancels them all.
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

  on(kind: Timer['kind'], handler: (em: EntityManager, episodeId: string, key: string) => Promise<void>) {
    const wrapped: TimerHandler = (em, t) => {
      const { episodeId, key } = t.payload as { episodeId: string; key: string };
      return handler(em, episodeId, key);
    };
    this.timers.on(ID[kind], wrapped);
  }

  book(em: EntityManager, episodeId: string, timers: Timer[]) {
    return this.timers.scheduleAll(em, timers.map((t) => ({
      id: idOf(episodeId, t), kind: ID[t.kind], dueAt: t.dueAt,
      payload: { episodeId, key: t.kind === 'step' ? t.stepKey : t.kind === 'ack' ? t.alertId : t.taskId },
    })));
  }

  /** Cancels the episode's ladder steps, and with 'steps-and-acks' its acknowledgement chases (task deadlines stay). */
  async cancel(em: EntityManager, episodeId: string, which: 'steps' | 'steps-and-acks') {
    await this.timers.cancel(em, `rung:${episodeId}:`);
    if (which === 'steps-and-acks') await this.timers.cancel(em, `ack:${episodeId}:`);
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
