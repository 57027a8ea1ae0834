import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER } from '@safeguard/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { OneOffJobRepository } from '../repositories/one-off-job.repository.js';

/** Where a one-off job stands: run to the end (now or before), or to be tried again after a pause. */
export type JobProgress = 'done' | 'waiting';

/**
 * The one-off jobs an upgrade brings: each runs at start in the background (intake serves reports meanwhile; an
 * outage only delays it), again after a pause while it waits or fails, until it is done or intake stops. A job is
 * recorded by name when it has run to the end, and never runs again.
 */
@Injectable()
export class OneOffJobs implements OnApplicationShutdown {
  private readonly stopping = new AbortController();
  private readonly running: Promise<void>[] = [];

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly jobs: OneOffJobRepository,
  ) {}

  /** Runs `job` in the background until it is done; `stop` is aborted when intake shuts down. */
  start(what: string, job: (stop: AbortSignal) => Promise<JobProgress>): void {
    this.running.push(this.untilDone(what, job));
  }

  async onApplicationShutdown() {
    this.stopping.abort();
    await Promise.all(this.running);
  }

  /** Runs `work` (returning how many items it covered) unless job `name` has run: in one transaction with its record. */
  async once(name: string, work: (em: EntityManager) => Promise<number>): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.jobs.lock(em, name);
      if (await this.jobs.done(em, name)) return;
      await this.jobs.record(em, name, await work(em), new Date());
    });
  }

  /**
   * As `once`, for work that cannot be one transaction (it sends to the broker, or goes item by item): recorded when
   * `work` has run to the end, not when it answers 'waiting'. Two replicas may both run it, so it must be harmless twice.
   */
  async onceInSteps(name: string, work: () => Promise<number | 'waiting'>): Promise<JobProgress> {
    const done = await this.dataSource.transaction(async (em) => {
      await this.jobs.lock(em, name);
      return this.jobs.done(em, name);
    });
    if (done) return 'done';
    const items = await work();
    if (items === 'waiting') return 'waiting';
    await this.dataSource.transaction((em) => this.jobs.record(em, name, items, new Date()));
    return 'done';
  }

  private async untilDone(what: string, job: (stop: AbortSignal) => Promise<JobProgress>): Promise<void> {
    const stop = this.stopping.signal;
    for (let failures = 0; !stop.aborted; ) {
      let pause = 500;
      try {
        if ((await job(stop)) === 'done') return;
      } catch (error) {
        failures++;
        pause = Math.min(30_000, 500 * 2 ** failures);
        this.logger.warn({ reason: (error as Error).message, attempt: failures }, `${what} not finished; will retry`);
      }
      await sleep(pause, undefined, { signal: stop, ref: false }).catch(() => undefined);
    }
  }
}
