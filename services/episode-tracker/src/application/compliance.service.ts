import { Injectable } from '@nestjs/common';
import type { Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { access } from '../domain/access.js';
import { complianceFigures } from '../domain/compliance.js';
import { ComplianceRepository } from '../repositories/compliance.repository.js';

/** Compliance figures of a council's year, read in one snapshot so the figures agree with each other. */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ComplianceRepository,
  ) {}

  async figures(caller: Caller, council: string, year: string) {
    access.assert('viewInsight', caller, council);
    const facts = await this.dataSource.transaction('REPEATABLE READ', (em) => this.repo.facts(em, council, year));
    return { council, year, ...complianceFigures(year, facts.episodes, facts.tasks, facts.alerts, new Date()) };
  }
}
