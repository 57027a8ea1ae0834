import { Injectable } from '@nestjs/common';
import { MoreThan, type EntityManager } from 'typeorm';
import { ChildRow } from '../db/entities.js';
import type { PlacementInForce } from '../domain/access.js';
import type { Child } from '../domain/child.js';
import type { Home } from '../domain/home.js';

/** What reporting a child missing needs of them: their placement, the force of their home and the profile version. */
export interface ReportableChild extends PlacementInForce {
  id: string;
  profileVersion: number;
  /** Only for the age at discovery; never published. */
  dateOfBirth: string;
}

/** All of intake's SQL for the children register and homes. */
@Injectable()
export class ChildRepository {
  /** A child by id; `lock` holds the row for an update in this transaction. */
  async find(em: EntityManager, id: string, lock = false): Promise<Child | undefined> {
    const row = await em.getRepository(ChildRow).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return row ?? undefined;
  }

  inHome(em: EntityManager, homeId: string): Promise<Child[]> {
    return em.getRepository(ChildRow).findBy({ homeId });
  }

  /** Every child in the register, a page at a time in id order (for one-off jobs over all of them). */
  page(em: EntityManager, after: string | null, size: number): Promise<Child[]> {
    return em.getRepository(ChildRow).find({ where: after ? { id: MoreThan(after) } : {}, order: { id: 'ASC' }, take: size });
  }

  async save(em: EntityManager, child: Child): Promise<void> {
    await em.getRepository(ChildRow).save(Object.assign(new ChildRow(), child));
  }

  /** The child the placing council's identifier belongs to, whatever its case (the index child_la_child_id_any_case). */
  async holderOf(em: EntityManager, placingCouncil: string, laChildId: string): Promise<string | undefined> {
    const [row] = await em.query(
      'SELECT id FROM child WHERE placing_council = $1 AND upper(btrim(la_child_id)) = upper(btrim($2))',
      [placingCouncil, laChildId],
    );
    return row?.id;
  }

  async setHomePhone(em: EntityManager, homeId: string, phone: string | null): Promise<void> {
    await em.query('UPDATE home SET phone = $2 WHERE id = $1', [homeId, phone]);
  }

  async home(em: EntityManager, homeId: string): Promise<Home | undefined> {
    const [home] = await em.query(
      `SELECT h.id, h.name, h.council_code AS council, h.police_force_code AS "policeForce", h.phone,
              c.name AS "councilName", f.name AS "policeForceName"
         FROM home h LEFT JOIN council c ON c.code = h.council_code LEFT JOIN police_force f ON f.code = h.police_force_code WHERE h.id = $1`,
      [homeId],
    );
    return home;
  }

  async reportable(em: EntityManager, childId: string): Promise<ReportableChild | undefined> {
    const [row] = await em.query(
      `SELECT c.id, c.home_id AS "homeId", c.placing_council AS "placingCouncil", c.host_council AS "hostCouncil",
              c.profile_version AS "profileVersion", c.date_of_birth::text AS "dateOfBirth", h.police_force_code AS "policeForce"
         FROM child c JOIN home h ON h.id = c.home_id WHERE c.id = $1`,
      [childId],
    );
    return row;
  }
}
