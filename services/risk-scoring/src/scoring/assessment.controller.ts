import { Controller, Get, Query } from '@nestjs/common';
import { coversEpisode, CurrentCaller, parseInput, Problem, type Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ScoringRepository } from './scoring.repository.js';

const Params = z.strictObject({ episodeId: z.uuid() });

/** The assessment history of an episode, each with the factors, overrides and ruleset that explain it. */
@Controller('api/v1/assessments')
export class AssessmentController {
  private readonly repo = new ScoringRepository();

  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { episodeId } = parseInput(Params, query, 'query');
    const episode = await this.repo.episode(this.dataSource.manager, episodeId);
    if (!episode || !coversEpisode(caller, episode)) throw new Problem(404, 'Episode not found', 'No episode with this id in your scope');
    return { episodeId, assessments: await this.repo.assessments(this.dataSource.manager, episodeId) };
  }
}
