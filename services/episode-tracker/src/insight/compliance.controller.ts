import { Controller, Get, Query } from '@nestjs/common';
import { InsightQuery } from '@safeguard/contracts';
import { assertMayViewInsight, CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { ComplianceService } from './compliance.service.js';

/** Compliance figures per month for a council's managers: counts and times only, no child is named. */
@Controller('api/v1/insight')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('compliance')
  figures(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { council, year } = parseInput(InsightQuery, query, 'query');
    assertMayViewInsight(caller, council);
    return this.compliance.figures(council, year);
  }
}
