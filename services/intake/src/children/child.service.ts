import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Outbox, Problem, type Caller } from '@safeguard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { audit } from '../audit/audit.js';
import { ChildRow } from '../db/entities.js';
import { mayActFor } from '../domain/access.js';
import { ChildInput, placementChangeProblems, riskRelevantChange } from '../domain/child.js';
import { saveChild } from './child-profile.js';
import { recordPlacement } from './placements.js';

const NOT_FOUND = () => new Problem(404, 'Child not found', 'No child with this id in your scope');

/** The children register. Risk-relevant changes bump the profile version and publish it, in the same transaction. */
@Injectable()
export class ChildService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async create(caller: Caller, input: ChildInput) {
    return this.dataSource.transaction(async (em) => {
      await this.checkHome(em, input.homeId, 'body.homeId');
      if (!mayActFor(caller, input)) throw new Problem(403, 'Not allowed', 'You can only register children for your own home or council');
      const row = Object.assign(new ChildRow(), this.toRow(randomUUID(), input, 1));
      await saveChild(em, this.outbox, row);
      await recordPlacement(em, row.id, null, input);
      await audit(em, caller, 'child.create', row.id);
      return this.toView(row);
    });
  }

  async get(caller: Caller, id: string) {
    return this.dataSource.transaction(async (em) => {
      const row = await em.getRepository(ChildRow).findOneBy({ id });
      if (!row || !mayActFor(caller, row)) throw NOT_FOUND();
      await audit(em, caller, 'child.read', id);
      return this.toView(row);
    });
  }

  async listForHome(caller: Caller, homeId: string) {
    if (!mayActFor(caller, { homeId, placingCouncil: '', hostCouncil: '' }) && caller.scope.kind !== 'council') {
      throw new Problem(404, 'Home not found', 'No home with this id in your scope');
    }
    return this.dataSource.transaction(async (em) => {
      const rows = await em.getRepository(ChildRow).findBy({ homeId });
      const visible = rows.filter((r) => mayActFor(caller, r));
      await audit(em, caller, 'children.list', null);
      return visible.map((r) => ({ id: r.id, givenName: r.givenName, familyName: r.familyName, dateOfBirth: r.dateOfBirth }));
    });
  }

  async update(caller: Caller, id: string, patch: Partial<ChildInput>) {
    return this.dataSource.transaction(async (em) => {
      const row = await em.getRepository(ChildRow).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || !mayActFor(caller, row)) throw NOT_FOUND();
      const before = this.toInput(row);
      const merged = ChildInput.safeParse({ ...before, ...patch });
      if (!merged.success) throw Problem.invalid(merged.error.issues.map((i) => ({ name: ['body', ...i.path.map(String)].join('.'), reason: i.message })));
      if (patch.homeId) await this.checkHome(em, patch.homeId, 'body.homeId');
      const moved = placementChangeProblems(before, merged.data);
      if (moved.length > 0) throw Problem.invalid(moved);
      if (!mayActFor(caller, merged.data)) throw new Problem(403, 'Not allowed', 'The change would move the child out of your scope');
      const relevant = riskRelevantChange(before, merged.data);
      const next = Object.assign(new ChildRow(), this.toRow(id, merged.data, row.profileVersion + (relevant ? 1 : 0)));
      if (relevant) await saveChild(em, this.outbox, next);
      else await em.getRepository(ChildRow).save(next);
      await recordPlacement(em, id, before, merged.data);
      await audit(em, caller, 'child.update', id);
      return this.toView(next);
    });
  }

  private async checkHome(em: EntityManager, homeId: string, field: string) {
    const [home] = await em.query('SELECT 1 FROM home WHERE id = $1', [homeId]);
    if (!home) throw Problem.invalid([{ name: field, reason: 'unknown home' }]);
  }

  private toRow(id: string, c: ChildInput, profileVersion: number): ChildRow {
    return {
      id, homeId: c.homeId, givenName: c.givenName, familyName: c.familyName, dateOfBirth: c.dateOfBirth,
      placingCouncil: c.placingCouncil, hostCouncil: c.hostCouncil, placementStart: c.placementStart, accommodation: c.accommodation,
      ageAssessment: c.ageAssessment, traffickingStatus: c.trafficking.status, traffickingSince: c.trafficking.since ?? null,
      uasc: c.uasc, separated: c.separated, arrivalDate: c.arrivalDate ?? null, concerns: c.concerns, profileVersion,
      legalStatus: c.legalStatus, laChildId: c.laChildId ?? null,
      details: Object.fromEntries(Object.entries({
        socialWorker: c.socialWorker, iro: c.iro, medicalNeeds: c.medicalNeeds, essentialMedication: c.essentialMedication,
        communicationNeeds: c.communicationNeeds, firstLanguage: c.firstLanguage, otherLanguages: c.otherLanguages,
      }).filter(([, v]) => v !== undefined)),
    };
  }

  private toInput(r: ChildRow): ChildInput {
    return {
      homeId: r.homeId, givenName: r.givenName, familyName: r.familyName, dateOfBirth: r.dateOfBirth, placingCouncil: r.placingCouncil,
      hostCouncil: r.hostCouncil, placementStart: r.placementStart, accommodation: r.accommodation as ChildInput['accommodation'],
      legalStatus: r.legalStatus as ChildInput['legalStatus'], ...(r.laChildId ? { laChildId: r.laChildId } : {}),
      trafficking: { status: r.traffickingStatus as ChildInput['trafficking']['status'], ...(r.traffickingSince ? { since: r.traffickingSince } : {}) },
      uasc: r.uasc, separated: r.separated, ...(r.arrivalDate ? { arrivalDate: r.arrivalDate } : {}),
      ageAssessment: r.ageAssessment as ChildInput['ageAssessment'], concerns: r.concerns as ChildInput['concerns'],
      otherLanguages: [], ...(r.details as Partial<ChildInput>),
    };
  }

  private toView(r: ChildRow) {
    return { id: r.id, profileVersion: r.profileVersion, ...this.toInput(r) };
  }
}
