import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, DurableTimers, HealthRegistry, LOGGER } from '@safeguard/platform';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { ScoringService } from '../application/scoring.service.js';
import type { RiskConfig } from '../config.js';
import { EpisodeRepository } from '../repositories/episode.repository.js';

const HOUR = 3_600_000;
const MARKS = [
  { hours: 24, trigger: 'elapsed-24h' },
  { hours: 72, trigger: 'elapsed-72h' },
] as const;

/** Re-assesses open episodes when they pass 24 h and 72 h since discovery, durably (restarts and Redis flushes). */
@Injectable()
export class ReassessmentClock implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly timers: DurableTimers;

  constructor(
    @Inject(CONFIG) config: RiskConfig,
    @Inject(LOGGER) logger: Logger,
    dataSource: DataSource,
    scoring: ScoringService,
    episodes: EpisodeRepository,
    health: HealthRegistry,
  ) {
    this.timers = new DurableTimers({
      dataSource, redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, queue: 'risk-reassessment', logger,
      reconcileMs: config.TIMER_RECONCILE_MS, health,
    });
    const payload = (timer: { payload: unknown }) => timer.payload as { episodeId: string; trigger: (typeof MARKS)[number]['trigger'] };
    // The episode is locked before the timer row, as a return locks the episode and then cancels its timers.
    this.timers.on('reassess', (em, timer) => scoring.reassess(em, payload(timer).episodeId, payload(timer).trigger),
      async (em, timer) => void (await episodes.lockReportedEpisode(em, payload(timer).episodeId)));
  }

  /** Books the 24 h and 72 h re-assessments of a new episode; marks already passed collapse into the latest one. */
  async book(em: EntityManager, episodeId: string, discoveredAt: Date, now = new Date()): Promise<void> {
    const passed = MARKS.filter((m) => discoveredAt.getTime() + m.hours * HOUR <= now.getTime());
    const due = MARKS.filter((m) => !passed.includes(m) || m === passed.at(-1));
    await this.timers.scheduleAll(em, due.map((m) => ({
      id: `reassess:${episodeId}:${m.hours}h`, kind: 'reassess', dueAt: new Date(discoveredAt.getTime() + m.hours * HOUR),
      payload: { episodeId, trigger: m.trigger },
    })));
  }

  cancel(em: EntityManager, episodeId: string): Promise<void> {
    return this.timers.cancel(em, `reassess:${episodeId}:`);
  }

  onApplicationBootstrap() {
    return this.timers.start();
  }

  onApplicationShutdown() {
    return this.timers.stop();
  }
}
