import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ChildProfileChangedV2, ukClock, type IntakeHttp } from '@safeguard/contracts';
import { Outbox, Problem, type Caller } from '@safeguard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { access } from '../domain/access.js';
import {
  ChildInput, childInput, childRecord, childView, placementChange, placementChangeProblems, profileEvent, riskRelevantChange, type Child,
  type Placement,
} from '../domain/child.js';
import type { Home } from '../domain/home.js';
import { nrmProblems, type NrmRecord } from '../domain/nrm.js';
import { AuditRepository } from '../repositories/audit.repository.js';
import { ChildRepository } from '../repositories/child.repository.js';
import { PlacementRepository } from '../repositories/placement.repository.js';

const identifierInUse = () => new Problem(409, 'Child identifier in use', 'Another child placed by this council has this identifier', {
  'invalid-params': [{ name: 'body.laChildId', reason: 'another child placed by this council holds it (in any case)' }],
});
const identifierRace = (e: unknown): never => {
  const { code, constraint } = e as { code?: string; constraint?: string };
  throw code === '23505' && constraint === 'child_la_child_id_any_case' ? identifierInUse() : e;
};

/** 400 naming each NRM or ICTG field in the wrong (domain/nrm.ts): a date in the future, out of order, or missing. */
function validNrmDates(before: NrmRecord | null, after: NrmRecord, now: Date): void {
  const problems = nrmProblems(before, after, ukClock(now).day);
  if (problems.length > 0) throw Problem.invalid(problems);
}

/** The children register. Risk-relevant changes bump the profile version and publish it, in the same transaction. */
@Injectable()
export class ChildService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly children: ChildRepository,
    private readonly placements: PlacementRepository,
    private readonly audit: AuditRepository,
  ) {}

  async create(caller: Caller, input: ChildInput, now = new Date()) {
    return this.dataSource.transaction(async (em) => {
      const home = await this.knownHome(em, input.homeId);
      access.assert('child.register', caller, { ...input, homeCouncil: home.council });
      validNrmDates(null, input, now);
      const child = childRecord(randomUUID(), input, 1);
      await this.identifierFree(em, child);
      await this.publish(em, child, home);
      await this.recordPlacement(em, child.id, null, input);
      await this.audit.record(em, caller, 'child.create', child.id);
      return childView(child);
    }).catch(identifierRace);
  }

  async get(caller: Caller, id: string) {
    return this.dataSource.transaction(async (em) => {
      const child = await this.children.find(em, id);
      access.assert('child.act', caller, child);
      await this.audit.record(em, caller, 'child.read', id);
      return childView(child!);
    });
  }

  async listForHome(caller: Caller, homeId: string) {
    access.assert('home.list', caller, homeId);
    return this.dataSource.transaction(async (em) => {
      const visible = (await this.children.inHome(em, homeId)).filter((c) => access.may('child.act', caller, c));
      await this.audit.record(em, caller, 'children.list', null);
      return visible.map((c) => ({ id: c.id, givenName: c.givenName, familyName: c.familyName, dateOfBirth: c.dateOfBirth }));
    });
  }

  /** A home's name, council, force and phone, for anyone whose scope covers it. */
  async home(caller: Caller, homeId: string): Promise<IntakeHttp.Home> {
    const home = await this.children.home(this.dataSource.manager, homeId);
    access.assert('home.read', caller, home);
    return home!; // the rule hides a home that does not exist
  }

  /** A home's number, as its duty manager or its council's administrator sets it; audited. */
  async updateHome(caller: Caller, homeId: string, change: { phone: string | null }): Promise<IntakeHttp.Home> {
    return this.dataSource.transaction(async (em) => {
      const home = await this.children.home(em, homeId);
      access.assert('home.update', caller, home);
      await this.children.setHomePhone(em, homeId, change.phone);
      await this.audit.record(em, caller, 'home.update', null);
      return { ...home!, phone: change.phone };
    });
  }

  async update(caller: Caller, id: string, patch: Partial<ChildInput>, now = new Date()) {
    return this.dataSource.transaction(async (em) => {
      const found = await this.children.find(em, id, true);
      access.assert('child.act', caller, found);
      const row = found!; // the rule hides a child who does not exist
      const before = childInput(row);
      const merged = ChildInput.safeParse({ ...before, ...patch });
      if (!merged.success) throw Problem.invalid(merged.error.issues.map((i) => ({ name: ['body', ...i.path.map(String)].join('.'), reason: i.message })));
      validNrmDates(before, merged.data, now);
      if (patch.homeId) await this.knownHome(em, patch.homeId);
      const moved = placementChangeProblems(before, merged.data);
      if (moved.length > 0) throw Problem.invalid(moved);
      access.assert('child.move', caller, { before, after: merged.data });
      const relevant = riskRelevantChange(before, merged.data);
      const next = childRecord(id, merged.data, row.profileVersion + (relevant ? 1 : 0));
      await this.identifierFree(em, next);
      if (relevant) await this.publish(em, next);
      else await this.children.save(em, next);
      await this.recordPlacement(em, id, before, merged.data);
      await this.audit.record(em, caller, 'child.update', id);
      return childView(next);
    }).catch(identifierRace);
  }

  /**
   * 409 naming the field when another child of the placing council holds the identifier in any case (the DfE reads
   * ab12 as AB12). Two registrations racing for one identifier meet the unique index instead: the same 409.
   */
  private async identifierFree(em: EntityManager, child: Child): Promise<void> {
    const holder = child.laChildId ? await this.children.holderOf(em, child.placingCouncil, child.laChildId) : undefined;
    if (holder !== undefined && holder !== child.id) throw identifierInUse();
  }

  /** The home, or 400 naming the field when there is no such home. */
  private async knownHome(em: EntityManager, homeId: string): Promise<Home> {
    const home = await this.children.home(em, homeId);
    if (!home) throw Problem.invalid([{ name: 'body.homeId', reason: 'unknown home' }]);
    return home;
  }

  /** Saves a child and publishes its profile in the same transaction. */
  private async publish(em: EntityManager, child: Child, known?: Home): Promise<void> {
    const home = known ?? (await this.children.home(em, child.homeId));
    if (!home) throw new Error(`home ${child.homeId} does not exist`);
    await this.children.save(em, child);
    await this.outbox.add(em, ChildProfileChangedV2, child.id, profileEvent(child));
  }

  private async recordPlacement(em: EntityManager, childId: string, before: Placement | null, after: Placement) {
    await this.placements.apply(em, childId, placementChange(before, after));
  }
}
