import { Controller, Get, Query } from '@nestjs/common';
import { CollectionYear, mayViewInsight, OrgCode } from '@safeguard/contracts';
import { CurrentCaller, parseInput, Problem, type Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { complianceFigures } from '../domain/compliance.js';
import { ComplianceRepository } from './compliance.repository.js';

const CouncilYear = z.strictObject({ council: OrgCode, year: CollectionYear });

/** Compliance figures per month for a council's managers: counts and times only, no child is named. */
@Controller('api/v1/insight')
export class ComplianceController {
  private readonly repo = new ComplianceRepository();

  constructor(private readonly dataSource: DataSource) {}

  @Get('compliance')
  async compliance(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { council, year } = parseInput(CouncilYear, query, 'query');
    if (!mayViewInsight(caller, council)) {
      throw new Problem(403, 'Not allowed', "Only the council's managers see its figures", {
        'invalid-params': [{ name: 'query.council', reason: 'not your council, or not a manager role' }],
      });
    }
    const facts = await this.repo.facts(this.dataSource.manager, council, year);
    return { council, year, ...complianceFigures(year, facts.episodes, facts.tasks, facts.alerts, new Date()) };
  }
}
