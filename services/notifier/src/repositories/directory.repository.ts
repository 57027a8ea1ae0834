import { Injectable } from '@nestjs/common';
import type { Role, Scope } from '@safeguard/contracts';
import type { EntityManager } from 'typeorm';

type ScopeKind = Scope['kind'];

/** Someone who may receive alerts, in the role and scope they hold. */
export interface Person {
  id: string;
  name: string;
  email: string;
  mobile: string | null;
  role: Role;
  scopeKind: ScopeKind;
  scopeId: string;
  active: boolean;
  defaultHolder: boolean;
  /** The council whose directory lists them (domain/access.ts). */
  council: string | null;
}

/** A new person; the mobile already in E.164. */
export interface NewPerson {
  name: string;
  email: string;
  mobile?: string;
  role: Role;
  scope: Scope;
  defaultHolder: boolean;
  active: boolean;
}

/** What may change about a person; `mobile: null` removes it, an absent field keeps it. */
export interface PersonChange {
  email?: string;
  mobile?: string | null;
  defaultHolder?: boolean;
  active?: boolean;
}

/** The role and scope a person holds, which their shifts take, and the council whose directory lists them. */
export interface PersonPlace {
  role: Role;
  scopeKind: ScopeKind;
  scopeId: string;
  council: string | null;
}

/** A shift on the rota, with the person's name. */
export interface Shift {
  id: string;
  personId: string;
  name: string;
  role: Role;
  scopeKind: ScopeKind;
  scopeId: string;
  startsAt: Date;
  endsAt: Date;
  council: string | null;
}

const PERSON = `id, name, email, mobile, role, scope_kind AS "scopeKind", scope_id AS "scopeId", active, default_holder AS "defaultHolder", council`;

/** All of the notifier's SQL for the directory of people and the duty rota. */
@Injectable()
export class DirectoryRepository {
  /** The people in one council's directory. */
  people(em: EntityManager, council: string): Promise<Person[]> {
    return em.query(`SELECT ${PERSON} FROM person WHERE council = $1 ORDER BY role, scope_id, name LIMIT 2000`, [council]);
  }

  /** The council whose directory lists a person; undefined if there is no person with this id. */
  async listing(em: EntityManager, id: string): Promise<{ council: string | null } | undefined> {
    const [person] = await em.query('SELECT council FROM person WHERE id = $1', [id]);
    return person;
  }

  async addPerson(em: EntityManager, id: string, p: NewPerson & { council: string }) {
    await em.query(
      `INSERT INTO person (id, name, email, mobile, role, scope_kind, scope_id, active, default_holder, council)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, p.name, p.email, p.mobile ?? null, p.role, p.scope.kind, p.scope.id, p.active, p.defaultHolder, p.council],
    );
  }

  /** The person after the change, or undefined if there is no person with this id. */
  async updatePerson(em: EntityManager, id: string, p: PersonChange): Promise<Person | undefined> {
    const [rows] = await em.query(
      `UPDATE person SET email = coalesce($2, email), default_holder = coalesce($3, default_holder), active = coalesce($4, active),
              mobile = CASE WHEN $5 THEN $6 ELSE mobile END
        WHERE id = $1 RETURNING ${PERSON}`,
      [id, p.email ?? null, p.defaultHolder ?? null, p.active ?? null, p.mobile !== undefined, p.mobile ?? null],
    );
    return rows[0];
  }

  /** The role, scope and directory of an active person; undefined if unknown or inactive. */
  async activePersonPlace(em: EntityManager, id: string): Promise<PersonPlace | undefined> {
    const [person] = await em.query('SELECT role, scope_kind AS "scopeKind", scope_id AS "scopeId", council FROM person WHERE id = $1 AND active', [id]);
    return person;
  }

  /** Shifts of the people in one council's directory not yet ended at `from` (default now), optionally of one role, in start order. */
  rota(em: EntityManager, council: string, q: { role?: Role; from?: string }): Promise<Shift[]> {
    return em.query(
      `SELECT s.id, s.person_id AS "personId", p.name, s.role, s.scope_kind AS "scopeKind", s.scope_id AS "scopeId",
              s.starts_at AS "startsAt", s.ends_at AS "endsAt", p.council
         FROM rota_shift s JOIN person p ON p.id = s.person_id
        WHERE p.council = $3 AND ($1::text IS NULL OR s.role = $1) AND s.ends_at > coalesce($2::timestamptz, now()) ORDER BY s.starts_at LIMIT 2000`,
      [q.role ?? null, q.from ?? null, council],
    );
  }

  async addShift(em: EntityManager, s: { id: string; personId: string; startsAt: string; endsAt: string } & Omit<PersonPlace, 'council'>) {
    await em.query(
      `INSERT INTO rota_shift (id, person_id, role, scope_kind, scope_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [s.id, s.personId, s.role, s.scopeKind, s.scopeId, s.startsAt, s.endsAt],
    );
  }
}
