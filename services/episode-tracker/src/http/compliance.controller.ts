import { Controller, Get, Query } from '@nestjs/common';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { ComplianceService } from '../application/compliance.service.js';
import { ComplianceRoutes as R } from './routes.js';

/** Compliance figures per month for a council's managers: counts and times only, no child is named. */
@Controller('api/v1/insight')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('compliance')
  figures(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { council, year } = parseInput(R.figures.query, query, 'query');
    return this.compliance.figures(caller, council, year);
  }
}
