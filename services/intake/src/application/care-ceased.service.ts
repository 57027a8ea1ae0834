import { Injectable } from '@nestjs/common';
import { ukClock } from '@safeguard/contracts';
import { Problem, type Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { access } from '../domain/access.js';
import { careCeasedProblems, type CareCeasedInput } from '../domain/care-ceased.js';
import { AuditRepository } from '../repositories/audit.repository.js';
import { ChildRepository } from '../repositories/child.repository.js';
import { PlacementRepository } from '../repositories/placement.repository.js';

const notInCare = () => new Problem(409, 'Not looked after', 'The child has no current placement: care has already ceased', {
  'invalid-params': [{ name: 'path.id', reason: 'has no current placement' }],
});

/** That a child ceased to be looked after: the current placement ends, with the DfE's reason (the return's DEC, REC). */
@Injectable()
export class CareCeasedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly children: ChildRepository,
    private readonly placements: PlacementRepository,
    private readonly audit: AuditRepository,
  ) {}

  async record(caller: Caller, childId: string, input: CareCeasedInput, now = new Date()) {
    return this.dataSource.transaction(async (em) => {
      // The child's row is locked as a move locks it, so a move and the end of care never interleave.
      const child = await this.children.find(em, childId, true);
      access.assert('child.cease-care', caller, child);
      const current = await this.placements.current(em, childId);
      if (!current) throw notInCare();
      const problems = careCeasedProblems(current, input, ukClock(now).day);
      if (problems.length > 0) throw Problem.invalid(problems);
      await this.placements.ceaseCare(em, current.id, input.on, input.reason);
      await this.audit.record(em, caller, 'child.update', childId);
      return { childId, placement: { startedOn: current.startedOn, endedOn: input.on, ceasedReason: input.reason } };
    });
  }
}
