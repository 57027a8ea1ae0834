import { Controller, Get, Query } from '@nestjs/common';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { z } from 'zod';
import { AssessmentHistory } from '../application/assessment-history.service.js';

const Params = z.strictObject({ episodeId: z.uuid() });

/** The assessment history of an episode, each with the factors, overrides and ruleset that explain it. */
@Controller('api/v1/assessments')
export class AssessmentController {
  constructor(private readonly history: AssessmentHistory) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { episodeId } = parseInput(Params, query, 'query');
    return this.history.ofEpisode(caller, episodeId);
  }
}
