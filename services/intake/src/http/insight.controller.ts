import { Controller, Get, Query } from '@nestjs/common';
import type { IntakeHttp, Served } from '@safeguard/contracts';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { InsightService } from '../application/insight.service.js';
import { InsightRoutes as R } from './routes.js';

@Controller('api/v1/insight')
export class InsightController {
  constructor(private readonly insight: InsightService) {}

  /** The SSDA903 Missing table for a council and collection year, with every DfE rule failure listed per child. */
  @Get('ssda903-missing')
  missing(@CurrentCaller() caller: Caller, @Query() query: unknown): Promise<Served<IntakeHttp.MissingReturn>> {
    const { council, year } = parseInput(R.missing.query, query, 'query');
    return this.insight.missingReturn(caller, council, year);
  }

  /** The SSDA903 Header table (a row per child looked after in the year), as far as intake knows it. */
  @Get('ssda903-header')
  header(@CurrentCaller() caller: Caller, @Query() query: unknown): Promise<Served<IntakeHttp.ReturnTable>> {
    const { council, year } = parseInput(R.header.query, query, 'query');
    return this.insight.returnTable(caller, council, year, 'header');
  }

  /** The SSDA903 Episodes table (a row per placement open in the year), as far as intake knows it. */
  @Get('ssda903-episodes')
  episodes(@CurrentCaller() caller: Caller, @Query() query: unknown): Promise<Served<IntakeHttp.ReturnTable>> {
    const { council, year } = parseInput(R.episodes.query, query, 'query');
    return this.insight.returnTable(caller, council, year, 'episodes');
  }

  /** The council's children referred to the NRM and waiting for a Reasonable Grounds decision, soonest due first. */
  @Get('nrm-watch')
  nrmWatch(@CurrentCaller() caller: Caller, @Query() query: unknown): Promise<IntakeHttp.NrmWatch> {
    return this.insight.nrmWatch(caller, parseInput(R.nrmWatch.query, query, 'query').council);
  }

  /** When, who again, where, and links for review. */
  @Get('patterns')
  patterns(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { council, year } = parseInput(R.patterns.query, query, 'query');
    return this.insight.patterns(caller, council, year);
  }
}
