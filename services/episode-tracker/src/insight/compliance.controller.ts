import { Controller, Get, Query } from '@nestjs/common';
import { InsightQuery } from '@safeguard/contracts';
import { assertMayViewInsight, CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { complianceFigures } from '../domain/compliance.js';
import { ComplianceRepository } from './compliance.repository.js';

/** Compliance figures per month for a council's managers: counts and times only, no child is named. */
@Controller('api/v1/insight')
export class ComplianceController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ComplianceRepository,
  ) {}

  @Get('compliance')
  async compliance(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { council, year } = parseInput(InsightQuery, query, 'query');
    assertMayViewInsight(caller, council);
    // One snapshot for the three reads, so the figures agree with each other.
    const facts = await this.dataSource.transaction('REPEATABLE READ', (em) => this.repo.facts(em, council, year));
    return { council, year, ...complianceFigures(year, facts.episodes, facts.tasks, facts.alerts, new Date()) };
  }
}
