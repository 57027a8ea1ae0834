import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ChildProfileChanged, ChildProfileChangedV2 } from '@safeguard/contracts';
import { LOGGER, Outbox, outboxEvent } from '@safeguard/platform';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { profileEvent } from '../domain/child.js';
import { ProfileV1Tombstones } from '../kafka/profile-v1-tombstones.js';
import { ChildRepository } from '../repositories/child.repository.js';
import { OneOffJobs, type JobProgress } from './one-off-jobs.service.js';

const BACKFILL = 'child-profile.v2-backfill';
/** Again, once, after the episode-tracker began keeping where each child lives (regulation 40 is for children's homes). */
const REPUBLISH_FOR_ACCOMMODATION = 'child-profile.v2-republish-accommodation';
const ERASE_V1 = 'child-profile.v1-tombstones';
const PAGE = 500;

/**
 * Moves the compacted child profile from v1 (which carried the date of birth) to v2, once (see OneOffJobs):
 * 1. every child's current profile is published on v2 at the version it already has, so a consumer starting afresh
 *    knows every child (one that already holds that version changes nothing); once more after consumers began keeping
 *    a field they had ignored (the tracker's accommodation, which fills in a profile it holds at that version);
 * 2. when the outbox holds no v1 event still to send, every child key gets a tombstone on v1, so compaction erases
 *    the dates of birth. Each step is recorded when done and never runs again; running one twice would be harmless.
 */
@Injectable()
export class ProfileTopicMove implements OnApplicationBootstrap {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly children: ChildRepository,
    private readonly tombstones: ProfileV1Tombstones,
    private readonly jobs: OneOffJobs,
  ) {}

  onApplicationBootstrap() {
    this.jobs.start('child profile move', async () => {
      await this.backfill();
      await this.backfill(REPUBLISH_FOR_ACCOMMODATION);
      return this.eraseV1();
    });
  }

  /** Publishes every child's profile on v2, in one transaction with the record that it was done. */
  backfill(job = BACKFILL): Promise<void> {
    return this.jobs.once(job, async (em) => {
      let count = 0;
      for (let after: string | null = null; ;) {
        const page = await this.children.page(em, after, PAGE);
        await this.outbox.addAll(em, page.map((child) => outboxEvent(ChildProfileChangedV2, child.id, profileEvent(child))));
        count += page.length;
        if (page.length < PAGE) break;
        after = page.at(-1)!.id;
      }
      this.logger.info({ children: count }, 'child profiles published on v2');
      return count;
    });
  }

  /** Tombstones every child key on v1: 'waiting' while v1 events are still to leave the outbox (they would land after). */
  eraseV1(): Promise<JobProgress> {
    return this.jobs.onceInSteps(ERASE_V1, async () => {
      const ids = await this.dataSource.transaction(async (em) =>
        (await this.outbox.unpublished(em, ChildProfileChanged)) > 0 ? 'waiting' as const : this.allIds(em));
      if (ids === 'waiting') return 'waiting';
      await this.tombstones.send(ids);
      this.logger.info({ children: ids.length }, 'child profile v1 keys tombstoned');
      return ids.length;
    });
  }

  private async allIds(em: EntityManager): Promise<string[]> {
    const all: string[] = [];
    for (let page = await this.children.page(em, null, PAGE); page.length > 0; page = await this.children.page(em, page.at(-1)!.id, PAGE)) {
      all.push(...page.map((c) => c.id));
    }
    return all;
  }
}
