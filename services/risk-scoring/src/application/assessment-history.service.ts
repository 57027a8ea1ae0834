import { Injectable } from '@nestjs/common';
import type { Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { access } from '../domain/access.js';
import { AssessmentRepository } from '../repositories/assessment.repository.js';
import { EpisodeRepository } from '../repositories/episode.repository.js';

/** The assessment history of an episode, for callers who may see the episode. */
@Injectable()
export class AssessmentHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly episodes: EpisodeRepository,
    private readonly assessments: AssessmentRepository,
  ) {}

  async ofEpisode(caller: Caller, episodeId: string) {
    const em = this.dataSource.manager;
    access.assert('viewAssessments', caller, await this.episodes.find(em, episodeId));
    return { episodeId, assessments: await this.assessments.ofEpisode(em, episodeId) };
  }
}
