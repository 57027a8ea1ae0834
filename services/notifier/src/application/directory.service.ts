import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Role } from '@safeguard/contracts';
import { Problem } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { DirectoryRepository, type NewPerson, type PersonChange } from '../repositories/directory.repository.js';

/** A shift asked for: a person and a time span (validated by the caller). */
export interface ShiftRequest {
  personId: string;
  startsAt: string;
  endsAt: string;
}

/** The directory of people who receive alerts and the duty rota. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: DirectoryRepository,
  ) {}

  people() {
    return this.repo.people(this.dataSource.manager);
  }

  async addPerson(p: NewPerson) {
    const id = randomUUID();
    await this.repo.addPerson(this.dataSource.manager, id, p);
    return { id, ...p };
  }

  async updatePerson(id: string, change: PersonChange) {
    const person = await this.repo.updatePerson(this.dataSource.manager, id, change);
    if (!person) throw new Problem(404, 'Person not found', 'No person with this id');
    return person;
  }

  rota(q: { role?: Role; from?: string }) {
    return this.repo.rota(this.dataSource.manager, q);
  }

  /** A shift for a person in the role and scope they hold. */
  async addShift(s: ShiftRequest) {
    return this.dataSource.transaction(async (em) => {
      const person = await this.repo.activePersonPlace(em, s.personId);
      if (!person) throw Problem.invalid([{ name: 'body.personId', reason: 'unknown or inactive person' }]);
      const id = randomUUID();
      await this.repo.addShift(em, { id, ...s, ...person });
      return { id, ...s, ...person };
    });
  }
}
