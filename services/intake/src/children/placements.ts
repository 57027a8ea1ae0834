import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * Keeps the placement history as the register changes: a new home ends the current placement the day the new
 * one starts; a corrected start date of the same placement is a correction, not a move.
 */
export async function recordPlacement(
  em: EntityManager, childId: string, before: { homeId: string; placementStart: string } | null, after: { homeId: string; placementStart: string },
) {
  if (before && before.homeId === after.homeId) {
    if (before.placementStart !== after.placementStart) {
      await em.query('UPDATE placement SET started_on = $2 WHERE child_id = $1 AND ended_on IS NULL', [childId, after.placementStart]);
    }
    return;
  }
  if (before) {
    await em.query('UPDATE placement SET ended_on = GREATEST(started_on, $2::date) WHERE child_id = $1 AND ended_on IS NULL', [childId, after.placementStart]);
  }
  await em.query('INSERT INTO placement (id, child_id, home_id, started_on) VALUES ($1, $2, $3, $4)', [randomUUID(), childId, after.homeId, after.placementStart]);
}
