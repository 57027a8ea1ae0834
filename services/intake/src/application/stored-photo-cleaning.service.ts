import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER } from '@safeguard/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { PackRepository } from '../repositories/pack.repository.js';
import { OneOffJobs, type JobProgress } from './one-off-jobs.service.js';
import { carriesMetadata, reencodePhoto } from './photo-reencoding.js';

const JOB = 'photos-reencoded';
const PAGE = 100;

/**
 * Photographs stored before uploads were re-encoded may still carry a GPS position: once (see OneOffJobs), each one
 * that carries metadata is re-encoded as an upload now is. One that cannot be decoded is left as it is and named (by
 * child id) in the log for someone to replace.
 */
@Injectable()
export class StoredPhotoCleaning implements OnApplicationBootstrap {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly packs: PackRepository,
    private readonly jobs: OneOffJobs,
  ) {}

  onApplicationBootstrap() {
    this.jobs.start('stored photograph re-encoding', (stop) => this.cleanAll(stop));
  }

  /** Re-encodes every stored photograph that carries metadata; 'waiting' when intake stops before the end. */
  cleanAll(stop: AbortSignal): Promise<JobProgress> {
    return this.jobs.onceInSteps(JOB, async () => {
      let cleaned = 0;
      const unreadable: string[] = [];
      const em = this.dataSource.manager;
      for (let page = await this.packs.withPhoto(em, null, PAGE); page.length > 0; page = await this.packs.withPhoto(em, page.at(-1)!, PAGE)) {
        for (const childId of page) {
          if (stop.aborted) return 'waiting';
          const outcome = await this.clean(childId);
          if (outcome === 'cleaned') cleaned++;
          if (outcome === 'unreadable') unreadable.push(childId);
        }
      }
      this.logger.info({ cleaned, unreadable }, 'stored photographs re-encoded without metadata');
      return cleaned;
    });
  }

  private clean(childId: string): Promise<'cleaned' | 'clean already' | 'unreadable'> {
    return this.dataSource.transaction(async (em) => {
      const photo = await this.packs.photo(em, childId, true);
      if (!photo || !(await carriesMetadata(photo.bytes).catch(() => true))) return 'clean already';
      const out = await reencodePhoto(photo.bytes);
      if (!out.ok) return 'unreadable';
      await this.packs.replacePhoto(em, childId, { bytes: out.bytes, type: out.type });
      return 'cleaned';
    });
  }
}
