import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Role } from '@safeguard/contracts';
import { Problem, type Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { access, councilAdministered } from '../domain/access.js';
import { DirectoryRepository, type NewPerson, type PersonChange } from '../repositories/directory.repository.js';

/** A shift asked for: a person and a time span (validated by the caller). */
export interface ShiftRequest {
  personId: string;
  startsAt: string;
  endsAt: string;
}

/** The directory of people who receive alerts and the duty rota: each council's administrators manage their own. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: DirectoryRepository,
  ) {}

  async people(caller: Caller) {
    const council = this.council(caller);
    return (await this.repo.people(this.dataSource.manager, council)).filter((p) => access.may('readPerson', caller, p));
  }

  /** A new person, in the caller's council's directory. */
  async addPerson(caller: Caller, p: NewPerson) {
    access.assert('addPerson', caller, p);
    const council = councilAdministered(caller)!; // the rule above refuses anyone who administers no council
    const id = randomUUID();
    await this.repo.addPerson(this.dataSource.manager, id, { ...p, council });
    return { id, ...p, council };
  }

  async updatePerson(caller: Caller, id: string, change: PersonChange) {
    return this.dataSource.transaction(async (em) => {
      access.assert('changePerson', caller, await this.repo.listing(em, id));
      const person = await this.repo.updatePerson(em, id, change);
      if (!person) throw new Problem(404, 'Person not found', 'No person with this id');
      return person;
    });
  }

  async rota(caller: Caller, q: { role?: Role; from?: string }) {
    const council = this.council(caller);
    return (await this.repo.rota(this.dataSource.manager, council, q)).filter((s) => access.may('readShift', caller, s));
  }

  /** A shift for a person in the caller's council's directory, in the role and scope they hold. */
  async addShift(caller: Caller, s: ShiftRequest) {
    return this.dataSource.transaction(async (em) => {
      const found = await this.repo.activePersonPlace(em, s.personId);
      // Another council's person, an inactive one and nobody at all get the same 404 naming body.personId.
      access.assert('addShift', caller, found);
      const { council: _, ...person } = found!;
      const id = randomUUID();
      await this.repo.addShift(em, { id, ...s, ...person });
      return { id, ...s, ...person };
    });
  }

  /** The council whose directory the caller manages; refused (403) for anyone but a council's administrator. */
  private council(caller: Caller): string {
    access.assert('openDirectory', caller, null);
    return councilAdministered(caller)!;
  }
}
