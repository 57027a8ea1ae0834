import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export interface EpisodeRecord {
  id: string;
  reference: string;
  childId: string;
  homeId: string;
  placingCouncil: string;
  policeForce: string;
  state: string;
  level: string | null;
  ladder: string | null;
  discoveredAt: Date;
}

/** All of the episode-tracker's SQL for episodes, alerts and the timeline. */
export class EpisodeRepository {
  async insertReported(em: EntityManager, e: Omit<EpisodeRecord, 'state' | 'level' | 'ladder'> & { classification: string }) {
    await em.query(
      `INSERT INTO episode (id, reference, child_id, home_id, placing_council, police_force, classification, state, discovered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'reported', $8) ON CONFLICT (id) DO NOTHING`,
      [e.id, e.reference, e.childId, e.homeId, e.placingCouncil, e.policeForce, e.classification, e.discoveredAt],
    );
  }

  async lock(em: EntityManager, id: string): Promise<EpisodeRecord | undefined> {
    const [row] = await em.query(
      `SELECT id, reference, child_id AS "childId", home_id AS "homeId", placing_council AS "placingCouncil",
              police_force AS "policeForce", state, level, ladder, discovered_at AS "discoveredAt"
         FROM episode WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  async open(em: EntityManager, id: string, level: string, ladder: string, at: Date) {
    await em.query(`UPDATE episode SET state = 'open', level = $2, ladder = $3, opened_at = $4 WHERE id = $1`, [id, level, ladder, at]);
  }

  async setLevel(em: EntityManager, id: string, level: string, ladder: string) {
    await em.query('UPDATE episode SET level = $2, ladder = $3 WHERE id = $1', [id, level, ladder]);
  }

  async insertAlert(em: EntityManager, a: { id: string; episodeId: string; role: string; scopeKind: string; scopeId: string;
    rung: number; ask: string; level: string; attempt: number; requestedAt: Date; ackDeadline: Date | null }) {
    await em.query(
      `INSERT INTO alert (id, episode_id, role, scope_kind, scope_id, rung, ask, level, attempt, requested_at, ack_deadline)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [a.id, a.episodeId, a.role, a.scopeKind, a.scopeId, a.rung, a.ask, a.level, a.attempt, a.requestedAt, a.ackDeadline],
    );
  }

  async record(em: EntityManager, episodeId: string, at: Date, what: string, who: string, why: string) {
    await em.query('INSERT INTO timeline_entry (id, episode_id, at, what, who, why) VALUES ($1, $2, $3, $4, $5, $6)', [
      randomUUID(), episodeId, at, what, who, why,
    ]);
  }
}
