import { Controller, Get, Query } from '@nestjs/common';
import { CollectionYear, OrgCode } from '@safeguard/contracts';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { z } from 'zod';
import { InsightService } from './insight.service.js';

const CouncilYear = z.strictObject({ council: OrgCode, year: CollectionYear });

@Controller('api/v1/insight')
export class InsightController {
  constructor(private readonly insight: InsightService) {}

  /** The SSDA903 Missing table for a council and collection year, with every DfE rule failure listed per child. */
  @Get('ssda903-missing')
  missing(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { council, year } = parseInput(CouncilYear, query, 'query');
    return this.insight.missingReturn(caller, council, year);
  }

  /** When, who again, where, and links for review. */
  @Get('patterns')
  patterns(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { council, year } = parseInput(CouncilYear, query, 'query');
    return this.insight.patterns(caller, council, year);
  }
}
