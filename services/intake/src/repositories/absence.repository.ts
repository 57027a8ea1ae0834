import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AbsenceEpisode, OpenEpisode } from '../domain/absence-report.js';
import type { BriefingEpisode, RecordedEpisode } from '../domain/briefing.js';

/** A new report as stored. */
export interface NewAbsence {
  episodeId: string;
  reference: string;
  childId: string;
  homeId: string;
  classification: string;
  lastSeenAt: string;
  lastSeenWhere: string;
  lastSeenBy: string;
  discoveredAt: string;
  reportedAt: Date;
  reportedBy: string;
  circumstances: string[];
  facts: Record<string, string>;
}

/** All of intake's SQL for absences; the application and the domain hold the rules. */
@Injectable()
export class AbsenceRepository {
  async openEpisodeOf(em: EntityManager, childId: string): Promise<OpenEpisode | undefined> {
    const [row] = await em.query(
      `SELECT a.episode_id AS "episodeId", a.reference, h.police_force_code AS "policeForce"
         FROM absence a JOIN home h ON h.id = a.home_id WHERE a.child_id = $1 AND a.state = 'open'`,
      [childId],
    );
    return row;
  }

  /** The reference of a reported episode. */
  async referenceOf(em: EntityManager, episodeId: string): Promise<string | undefined> {
    const [row] = await em.query('SELECT reference FROM absence WHERE episode_id = $1', [episodeId]);
    return row?.reference;
  }

  /** The next number of the episode references' sequence. */
  async nextReferenceNumber(em: EntityManager): Promise<number> {
    const [{ n }] = await em.query(`SELECT nextval('episode_reference_seq') AS n`);
    return Number(n);
  }

  async insert(em: EntityManager, a: NewAbsence): Promise<void> {
    await em.query(
      `INSERT INTO absence (episode_id, reference, child_id, home_id, state, classification, last_seen_at,
         last_seen_where, last_seen_by, discovered_at, reported_at, reported_by, circumstances, facts, updated_at)
       VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13, $10)`,
      [a.episodeId, a.reference, a.childId, a.homeId, a.classification, a.lastSeenAt, a.lastSeenWhere, a.lastSeenBy,
        a.discoveredAt, a.reportedAt, a.reportedBy, a.circumstances, JSON.stringify(a.facts)],
    );
  }

  /** The episode with what access and validation need, locked for the update. */
  async lockEpisode(em: EntityManager, episodeId: string): Promise<AbsenceEpisode | undefined> {
    const [row] = await em.query(
      `SELECT a.episode_id AS "episodeId", a.child_id AS "childId", a.state, a.classification, a.discovered_at AS "discoveredAt",
              a.police_reference AS "policeReference", a.police_grade AS "policeGrade", a.circumstances,
              a.notifiable_events AS "notifiableEvents", a.facts,
              c.home_id AS "homeId", c.placing_council AS "placingCouncil", c.host_council AS "hostCouncil", h.police_force_code AS "policeForce"
         FROM absence a JOIN child c ON c.id = a.child_id JOIN home h ON h.id = a.home_id
        WHERE a.episode_id = $1 FOR UPDATE OF a`,
      [episodeId],
    );
    return row;
  }

  /** The episode as the briefing and Part 2 show it, with the home it was reported from and where the child is placed. */
  async briefing(em: EntityManager, episodeId: string): Promise<BriefingEpisode | undefined> {
    const [row] = await em.query(
      `SELECT a.episode_id AS "episodeId", a.reference, a.child_id AS "childId", a.state, a.classification,
              a.discovered_at AS "discoveredAt", a.reported_at AS "reportedAt", a.updated_at AS "updatedAt",
              a.police_reference AS "policeReference", a.police_grade AS "policeGrade", a.last_seen_at AS "lastSeenAt",
              a.last_seen_where AS "lastSeenWhere", a.last_seen_by AS "lastSeenBy", a.circumstances,
              a.notifiable_events AS "notifiableEvents", a.facts, h.police_force_code AS "policeForce", h.name AS "homeName", h.phone AS "homePhone",
              c.home_id AS "homeId", c.placing_council AS "placingCouncil", c.host_council AS "hostCouncil", pc.name AS "placingCouncilName"
         FROM absence a JOIN home h ON h.id = a.home_id JOIN child c ON c.id = a.child_id LEFT JOIN council pc ON pc.code = c.placing_council
        WHERE a.episode_id = $1`,
      [episodeId],
    );
    if (!row) return undefined;
    const { lastSeenAt, lastSeenWhere, lastSeenBy, homeName, homePhone, ...episode } = row;
    return { ...episode, lastSeen: { at: lastSeenAt, where: lastSeenWhere, by: lastSeenBy }, home: { name: homeName, phone: homePhone } };
  }

  /** The child's other returned episodes, newest first: what was recorded at each return (the briefing's history). */
  async returnedEpisodes(em: EntityManager, childId: string, except: string, limit = 20): Promise<RecordedEpisode[]> {
    return em.query(
      `SELECT reference, discovered_at AS "discoveredAt", returned_at AS "returnedAt", return_details->>'where' AS "foundWhere",
              return_details->>'foundBy' AS "foundBy", facts->>'mayBeWith' AS "mayHaveBeenWith",
              (return_details->>'harmDuringEpisode')::boolean AS "harmDuringEpisode"
         FROM absence WHERE child_id = $1 AND episode_id <> $2 AND state = 'returned' ORDER BY discovered_at DESC LIMIT $3`,
      [childId, except, limit],
    );
  }

  /** What an update changes, at `at` (when the report was last added to). */
  async update(
    em: EntityManager, episodeId: string,
    u: Pick<AbsenceEpisode, 'classification' | 'policeReference' | 'policeGrade' | 'circumstances' | 'notifiableEvents' | 'facts'>, at: Date,
  ) {
    await em.query(
      `UPDATE absence SET classification = $2, police_reference = $3, police_grade = $4, circumstances = $5, notifiable_events = $6,
              facts = $7, updated_at = $8 WHERE episode_id = $1`,
      [episodeId, u.classification, u.policeReference, u.policeGrade, u.circumstances, u.notifiableEvents, JSON.stringify(u.facts), at],
    );
  }

  async markReturned(em: EntityManager, episodeId: string, locatedAt: string, returnedAt: string, details: object) {
    await em.query(
      `UPDATE absence SET state = 'returned', located_at = $2, returned_at = $3, return_details = $4 WHERE episode_id = $1`,
      [episodeId, locatedAt, returnedAt, JSON.stringify(details)],
    );
  }
}
