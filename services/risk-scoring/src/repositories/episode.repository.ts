import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { History } from '../domain/facts.js';
import { InputNotYetReceived, type ScoredEpisode } from '../domain/inputs.js';

const EPISODE_COLUMNS = `episode_id AS "episodeId", child_id AS "childId", home_id AS "homeId",
  placing_council AS "placingCouncil", police_force AS "policeForce", classification, circumstances,
  discovered_at AS "discoveredAt", age_at_discovery AS "ageAtDiscovery", police_grade AS "policeGrade", returned_at AS "returnedAt",
  input_event_ids AS "inputEventIds", awaiting_profile_version AS "awaitingProfileVersion"`;

export type NewEpisode = Omit<ScoredEpisode, 'policeGrade' | 'returnedAt' | 'discoveredAt'> & { discoveredAt: string };

/** Episodes as scoring sees them: the inputs to an assessment and the child's history. */
@Injectable()
export class EpisodeRepository {
  async insert(em: EntityManager, e: NewEpisode) {
    await em.query(
      `INSERT INTO episode (episode_id, child_id, home_id, placing_council, police_force, classification, circumstances,
         discovered_at, age_at_discovery, input_event_ids, awaiting_profile_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (episode_id) DO NOTHING`,
      [e.episodeId, e.childId, e.homeId, e.placingCouncil, e.policeForce, e.classification, e.circumstances,
        e.discoveredAt, e.ageAtDiscovery, e.inputEventIds, e.awaitingProfileVersion],
    );
  }

  /** The child's episodes still missing and already assessed (a profile change re-scores them). */
  async openAssessed(em: EntityManager, childId: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      'SELECT episode_id AS id FROM episode WHERE child_id = $1 AND returned_at IS NULL AND awaiting_profile_version IS NULL',
      [childId],
    );
    return rows.map((r) => r.id);
  }

  /** Episodes of a child whose report is waiting for a profile version up to this one; clears the wait. */
  async releaseAwaiting(em: EntityManager, childId: string, version: number): Promise<{ episodeId: string; discoveredAt: Date }[]> {
    const [rows] = await em.query(
      `UPDATE episode SET awaiting_profile_version = NULL
        WHERE child_id = $1 AND awaiting_profile_version <= $2
        RETURNING episode_id AS "episodeId", discovered_at AS "discoveredAt"`,
      [childId, version],
    );
    return rows;
  }

  async find(em: EntityManager, episodeId: string, lock = false): Promise<ScoredEpisode | undefined> {
    const [row] = await em.query(`SELECT ${EPISODE_COLUMNS} FROM episode WHERE episode_id = $1${lock ? ' FOR UPDATE' : ''}`, [episodeId]);
    return row;
  }

  /** Locks a reported episode; one not reported yet throws InputNotYetReceived, so its event is retried until it is. */
  async lockReportedEpisode(em: EntityManager, episodeId: string): Promise<ScoredEpisode> {
    const episode = await this.find(em, episodeId, true);
    if (!episode) throw new InputNotYetReceived(`episode ${episodeId} not yet reported`);
    return episode;
  }

  /** New facts: a police grade, a reclassification, more circumstances; the event joins the inputs. */
  async update(em: EntityManager, episodeId: string, u: { classification?: string; policeGrade?: string; addedCircumstances: string[]; eventId: string }) {
    await em.query(
      `UPDATE episode SET classification = coalesce($2, classification), police_grade = coalesce($3, police_grade),
         circumstances = ARRAY(SELECT DISTINCT unnest(circumstances || $4::text[])),
         input_event_ids = input_event_ids || $5::uuid
       WHERE episode_id = $1`,
      [episodeId, u.classification ?? null, u.policeGrade ?? null, u.addedCircumstances, u.eventId],
    );
  }

  async returned(em: EntityManager, episodeId: string, returnedAt: string, harm: boolean) {
    await em.query('UPDATE episode SET returned_at = $2, harm = $3 WHERE episode_id = $1', [episodeId, returnedAt, harm]);
  }

  /** Earlier episodes of the child before this one's discovery. */
  async history(em: EntityManager, childId: string, episodeId: string, before: Date): Promise<History> {
    const [row] = await em.query(
      `SELECT count(*) FILTER (WHERE discovered_at > $3::timestamptz - interval '30 days')::int AS "in30",
              count(*) FILTER (WHERE discovered_at > $3::timestamptz - interval '90 days')::int AS "in90",
              coalesce(bool_or(harm), false) AS harm, count(*)::int AS total
         FROM episode WHERE child_id = $1 AND episode_id <> $2 AND discovered_at < $3`,
      [childId, episodeId, before],
    );
    return { episodesInLast30Days: row.in30, episodesInLast90Days: row.in90, harmInPreviousEpisode: row.harm, previousEpisodes: row.total };
  }
}
