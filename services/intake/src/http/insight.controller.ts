import { Controller, Get, Query } from '@nestjs/common';
import { InsightQuery } from '@safeguard/contracts';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { InsightService } from '../application/insight.service.js';

@Controller('api/v1/insight')
export class InsightController {
  constructor(private readonly insight: InsightService) {}

  /** The SSDA903 Missing table for a council and collection year, with every DfE rule failure listed per child. */
  @Get('ssda903-missing')
  missing(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { council, year } = parseInput(InsightQuery, query, 'query');
    return this.insight.missingReturn(caller, council, year);
  }

  /** When, who again, where, and links for review. */
  @Get('patterns')
  patterns(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { council, year } = parseInput(InsightQuery, query, 'query');
    return this.insight.patterns(caller, council, year);
  }
}
