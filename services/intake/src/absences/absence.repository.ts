import type { EntityManager } from 'typeorm';
import type { ChildRow } from '../db/entities.js';

/** All of intake's SQL for absences; the service holds the rules. */
export class AbsenceRepository {
  async findChild(em: EntityManager, childId: string): Promise<(ChildRow & { policeForce: string }) | undefined> {
    const [row] = await em.query(
      `SELECT c.id, c.home_id AS "homeId", c.placing_council AS "placingCouncil", c.host_council AS "hostCouncil",
              c.profile_version AS "profileVersion", h.police_force_code AS "policeForce"
         FROM child c JOIN home h ON h.id = c.home_id WHERE c.id = $1`,
      [childId],
    );
    return row;
  }

  /** Claims an idempotency key; returns the episode of an earlier submission with the same key, if any. */
  async claimKey(em: EntityManager, caller: string, key: string, episodeId: string): Promise<string | undefined> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO idempotency_key (caller, key, episode_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [caller, key, episodeId],
    );
    if (inserted.length === 1) return undefined;
    const [row] = await em.query('SELECT episode_id AS "episodeId" FROM idempotency_key WHERE caller = $1 AND key = $2', [
      caller,
      key,
    ]);
    return row.episodeId;
  }

  async openEpisodeOf(em: EntityManager, childId: string): Promise<{ episodeId: string; reference: string } | undefined> {
    const [row] = await em.query(
      `SELECT episode_id AS "episodeId", reference FROM absence WHERE child_id = $1 AND state = 'open'`,
      [childId],
    );
    return row;
  }

  /** The reference and child of a reported episode. */
  async reported(em: EntityManager, episodeId: string): Promise<{ reference: string; childId: string } | undefined> {
    const [row] = await em.query('SELECT reference, child_id AS "childId" FROM absence WHERE episode_id = $1', [episodeId]);
    return row;
  }

  nextSequence(em: EntityManager): Promise<[{ n: string }]> {
    return em.query(`SELECT nextval('episode_reference_seq') AS n`);
  }

  async insert(em: EntityManager, a: {
    episodeId: string; reference: string; childId: string; homeId: string; classification: string;
    lastSeenAt: string; lastSeenWhere: string; lastSeenBy: string; discoveredAt: string; reportedAt: Date;
    reportedBy: string; circumstances: string[]; facts: Record<string, string>;
  }): Promise<void> {
    await em.query(
      `INSERT INTO absence (episode_id, reference, child_id, home_id, state, classification, last_seen_at,
         last_seen_where, last_seen_by, discovered_at, reported_at, reported_by, circumstances, facts)
       VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [a.episodeId, a.reference, a.childId, a.homeId, a.classification, a.lastSeenAt, a.lastSeenWhere, a.lastSeenBy,
        a.discoveredAt, a.reportedAt, a.reportedBy, a.circumstances, JSON.stringify(a.facts)],
    );
  }

  /** The episode with what access and validation need, locked for the update. */
  async lockEpisode(em: EntityManager, episodeId: string) {
    const [row] = await em.query(
      `SELECT a.episode_id AS "episodeId", a.child_id AS "childId", a.state, a.classification, a.discovered_at AS "discoveredAt",
              a.police_reference AS "policeReference", a.police_grade AS "policeGrade", a.circumstances, a.facts,
              c.home_id AS "homeId", c.placing_council AS "placingCouncil", c.host_council AS "hostCouncil", h.police_force_code AS "policeForce"
         FROM absence a JOIN child c ON c.id = a.child_id JOIN home h ON h.id = a.home_id
        WHERE a.episode_id = $1 FOR UPDATE OF a`,
      [episodeId],
    );
    return row as undefined | {
      episodeId: string; childId: string; state: string; classification: string; discoveredAt: Date; policeReference: string | null;
      policeGrade: string | null; circumstances: string[]; facts: Record<string, string>; homeId: string; placingCouncil: string;
      hostCouncil: string; policeForce: string;
    };
  }

  async update(em: EntityManager, episodeId: string, u: { classification: string; policeReference: string | null; policeGrade: string | null;
    circumstances: string[]; facts: Record<string, string> }) {
    await em.query(
      `UPDATE absence SET classification = $2, police_reference = $3, police_grade = $4, circumstances = $5, facts = $6 WHERE episode_id = $1`,
      [episodeId, u.classification, u.policeReference, u.policeGrade, u.circumstances, JSON.stringify(u.facts)],
    );
  }

  async markReturned(em: EntityManager, episodeId: string, locatedAt: string, returnedAt: string, details: object) {
    await em.query(
      `UPDATE absence SET state = 'returned', located_at = $2, returned_at = $3, return_details = $4 WHERE episode_id = $1`,
      [episodeId, locatedAt, returnedAt, JSON.stringify(details)],
    );
  }
}
