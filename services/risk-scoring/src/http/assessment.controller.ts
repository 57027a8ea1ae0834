import { Controller, Get, Query } from '@nestjs/common';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { AssessmentHistory } from '../application/assessment-history.service.js';
import { AssessmentRoutes as R } from './routes.js';

/** The assessment history of an episode, each with the factors, overrides and ruleset that explain it. */
@Controller('api/v1/assessments')
export class AssessmentController {
  constructor(private readonly history: AssessmentHistory) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { episodeId } = parseInput(R.list.query, query, 'query');
    return this.history.ofEpisode(caller, episodeId);
  }
}
