import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PlacementChange } from '../domain/child.js';

/** The placement the child is in now (no end yet). */
export interface CurrentPlacement {
  id: string;
  startedOn: string;
}

/** The placement history's SQL: writes the change the domain decided (`placementChange`). */
@Injectable()
export class PlacementRepository {
  async current(em: EntityManager, childId: string): Promise<CurrentPlacement | undefined> {
    const [row] = await em.query(
      'SELECT id, started_on::text AS "startedOn" FROM placement WHERE child_id = $1 AND ended_on IS NULL ORDER BY started_on DESC LIMIT 1',
      [childId],
    );
    return row;
  }

  /** Ends the placement because the child ceased to be looked after, with why (SSDA903 DEC and REC). */
  async ceaseCare(em: EntityManager, placementId: string, on: string, reason: string): Promise<void> {
    await em.query('UPDATE placement SET ended_on = $2, ceased_reason = $3 WHERE id = $1', [placementId, on, reason]);
  }

  async apply(em: EntityManager, childId: string, change: PlacementChange): Promise<void> {
    if (change.kind === 'corrected') {
      await em.query('UPDATE placement SET started_on = $2 WHERE child_id = $1 AND ended_on IS NULL', [childId, change.startedOn]);
    }
    if (change.kind !== 'started') return;
    if (change.endsCurrent) {
      await em.query('UPDATE placement SET ended_on = GREATEST(started_on, $2::date) WHERE child_id = $1 AND ended_on IS NULL', [childId, change.startedOn]);
    }
    await em.query('INSERT INTO placement (id, child_id, home_id, started_on) VALUES ($1, $2, $3, $4)', [randomUUID(), childId, change.homeId, change.startedOn]);
  }
}
