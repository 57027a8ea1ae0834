import type { EntityManager } from 'typeorm';
import type { ChildProfile, History } from '../domain/facts.js';

/** All of risk-scoring's SQL. */
export class ScoringRepository {
  /** Keeps the newest profile only: a replayed or out-of-order older version changes nothing. */
  async upsertProfile(em: EntityManager, childId: string, version: number, profile: ChildProfile, eventId: string) {
    await em.query(
      `INSERT INTO child_profile (child_id, profile_version, profile, event_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (child_id) DO UPDATE SET profile_version = EXCLUDED.profile_version, profile = EXCLUDED.profile,
         event_id = EXCLUDED.event_id WHERE child_profile.profile_version < EXCLUDED.profile_version`,
      [childId, version, JSON.stringify(profile), eventId],
    );
  }

  async profile(em: EntityManager, childId: string): Promise<{ version: number; profile: ChildProfile; eventId: string } | undefined> {
    const [row] = await em.query(
      'SELECT profile_version AS version, profile, event_id AS "eventId" FROM child_profile WHERE child_id = $1',
      [childId],
    );
    return row;
  }

  async insertEpisode(em: EntityManager, e: { episodeId: string; childId: string; classification: string;
    circumstances: string[]; discoveredAt: string; inputEventIds: string[] }) {
    await em.query(
      `INSERT INTO episode (episode_id, child_id, classification, circumstances, discovered_at, input_event_ids)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (episode_id) DO NOTHING`,
      [e.episodeId, e.childId, e.classification, e.circumstances, e.discoveredAt, e.inputEventIds],
    );
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

  async insertAssessment(em: EntityManager, a: { id: string; episodeId: string; level: string; score: number;
    factors: { code: string; points: number }[]; overrides: string[]; rulesetVersion: string; trigger: string; assessedAt: Date }) {
    await em.query(
      `INSERT INTO assessment (id, episode_id, level, score, factors, overrides, ruleset_version, trigger, assessed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [a.id, a.episodeId, a.level, a.score, JSON.stringify(a.factors), a.overrides, a.rulesetVersion, a.trigger, a.assessedAt],
    );
  }
}
