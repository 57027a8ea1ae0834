import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PlacementChange } from '../domain/child.js';

/** The placement history's SQL: writes the change the domain decided (`placementChange`). */
@Injectable()
export class PlacementRepository {
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
