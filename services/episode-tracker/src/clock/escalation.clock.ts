import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, DurableTimers, HealthRegistry, LOGGER, type DueTimer } from '@safeguard/platform';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import type { TrackerConfig } from '../config.js';
import { taskTimerKey, timerKey, type Timer } from '../domain/effects.js';
import { EpisodeRepository } from '../repositories/episode.repository.js';

/** The timer kinds the clock holds (their ids: `<kind>:<episode>:<rest of the key>`). */
const ID = { step: 'rung', ack: 'ack', task: 'task' } as const;
const idOf = (episodeId: string, key: string) => {
  const [kind, ...rest] = key.split(':');
  return [kind, episodeId, ...rest].join(':');
};

/**
 * The episode-tracker's durable clock: ladder steps, acknowledgement deadlines and task deadlines are PostgreSQL
 * rows; BullMQ only wakes the worker. Timer ids are namespaced by episode, so a return cancels them all.
 */
@Injectable()
export class EscalationClock implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly timers: DurableTimers;

  constructor(
    @Inject(CONFIG) config: TrackerConfig, @Inject(LOGGER) logger: Logger, dataSource: DataSource, health: HealthRegistry,
    private readonly episodes: EpisodeRepository,
  ) {
    this.timers = new DurableTimers({
      dataSource, redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, queue: 'escalation', logger,
      reconcileMs: config.TIMER_RECONCILE_MS, health,
    });
  }

  on(kind: Timer['kind'], handler: (em: EntityManager, episodeId: string, key: string) => Promise<void>) {
    const payload = (t: DueTimer) => t.payload as { episodeId: string; key: string };
    // The episode is locked before its timer row, as every event and request locks it before touching its timers.
    this.timers.on(ID[kind], (em, t) => handler(em, payload(t).episodeId, payload(t).key), (em, t) => this.episodes.lock(em, payload(t).episodeId));
  }

  book(em: EntityManager, episodeId: string, timers: Timer[]) {
    return this.timers.scheduleAll(em, timers.map((t) => {
      const key = timerKey(t);
      return { id: idOf(episodeId, key), kind: ID[t.kind], dueAt: t.dueAt, payload: { episodeId, key: key.split(':').at(-1)! } };
    }));
  }

  /** Cancels the episode's ladder steps, and with 'steps-and-acks' the ladder's acknowledgement chases (missed deadlines' and task deadlines stay). */
  async cancel(em: EntityManager, episodeId: string, which: 'steps' | 'steps-and-acks') {
    await this.timers.cancel(em, `rung:${episodeId}:`);
    if (which === 'steps-and-acks') await this.timers.cancel(em, `ack:${episodeId}:ladder:`);
  }

  /** Cancels a task's deadline (the task is done). */
  cancelTask(em: EntityManager, episodeId: string, taskId: string) {
    return this.timers.cancel(em, idOf(episodeId, taskTimerKey(taskId)));
  }

  /** After a request's own transaction commits (a consumer's batch queues what it booked by itself). */
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
