import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { LOGGER } from '@safeguard/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EpisodeRepository } from '../repositories/episode.repository.js';
import { EpisodeWorkflow } from './episode.workflow.js';
import { PolicyStore } from './policy.store.js';

/**
 * At start, before events and timers run: an episode live across an upgrade whose snapshot predates chains of
 * command takes its council's policy in force now and is re-planned once (steps already sent stay sent).
 */
@Injectable()
export class PolicyUpgrade implements OnModuleInit {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly episodes: EpisodeRepository,
    private readonly workflow: EpisodeWorkflow,
    private readonly policies: PolicyStore,
  ) {}

  async onModuleInit() {
    const outdated = await this.episodes.outdatedSnapshots(this.dataSource.manager);
    for (const { id, council } of outdated) {
      await this.dataSource.transaction(async (em) => {
        await this.episodes.lock(em, id);
        // Another replica starting at the same time may have upgraded it already.
        if ((await this.episodes.outdatedSnapshots(em, id)).length === 0) return;
        await this.workflow.apply(em, id, { kind: 'policy-replaced', policy: this.policies.forCouncil(council) });
      });
    }
    if (outdated.length > 0) this.logger.info({ episodes: outdated.length }, 'episode policy snapshots upgraded and re-planned');
  }
}
