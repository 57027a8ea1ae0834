import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProfileFacts } from '../domain/profile.js';

export type ParkedKind = 'assessed' | 'updated' | 'returned';

/** What the tracker keeps of each child's profile, and events that overtook their report. */
@Injectable()
export class ChildRepository {
  /** Keeps the newest profile version only (the topic is compacted and may replay older ones). */
  async upsert(em: EntityManager, childId: string, p: ProfileFacts): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO child_profile (child_id, profile_version, trafficked, uasc_or_separated, nrm_referred, sexual_exploitation, accommodation,
         thirteenth_birthday, host_council)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (child_id) DO UPDATE SET profile_version = EXCLUDED.profile_version, trafficked = EXCLUDED.trafficked,
         uasc_or_separated = EXCLUDED.uasc_or_separated, nrm_referred = EXCLUDED.nrm_referred,
         sexual_exploitation = EXCLUDED.sexual_exploitation, accommodation = EXCLUDED.accommodation,
         thirteenth_birthday = EXCLUDED.thirteenth_birthday, host_council = EXCLUDED.host_council
       WHERE child_profile.profile_version < EXCLUDED.profile_version
          -- kept before the tracker stored where the child lives: intake republishes every profile once to fill it in
          OR (child_profile.profile_version = EXCLUDED.profile_version AND child_profile.accommodation IS NULL AND EXCLUDED.accommodation IS NOT NULL)
       RETURNING child_id`,
      [childId, p.version, p.flags.trafficked, p.flags.uascOrSeparated, p.flags.nrmReferred, p.flags.sexualExploitation, p.accommodation,
        p.thirteenthBirthday, p.hostCouncil],
    );
    return rows.length > 0;
  }

  /** What opening an episode needs, in one round trip: is it known already, the child's profile, earlier discoveries, parked events. */
  async openingContext(em: EntityManager, episodeId: string, childId: string, discoveredAt: Date): Promise<{
    known: boolean; profile: ProfileFacts | null; prior: Date[]; parked: boolean;
  }> {
    const [row] = await em.query(
      `SELECT EXISTS (SELECT 1 FROM episode WHERE id = $1) AS known,
         (SELECT json_build_object('version', profile_version, 'flags', json_build_object('trafficked', trafficked,
            'uascOrSeparated', uasc_or_separated, 'nrmReferred', nrm_referred, 'sexualExploitation', sexual_exploitation),
            'accommodation', accommodation, 'thirteenthBirthday', thirteenth_birthday, 'hostCouncil', host_council)
            FROM child_profile WHERE child_id = $2) AS profile,
         ARRAY(SELECT (extract(epoch FROM discovered_at) * 1000)::float8 FROM episode WHERE child_id = $2 AND id <> $1 AND discovered_at < $3) AS prior,
         EXISTS (SELECT 1 FROM parked_event WHERE episode_id = $1) AS parked`,
      [episodeId, childId, discoveredAt],
    );
    return { known: row.known, profile: row.profile, prior: (row.prior as number[]).map((ms) => new Date(ms)), parked: row.parked };
  }

  /** The child's episode still open, if any (episodes of one child never overlap). */
  async openEpisode(em: EntityManager, childId: string): Promise<string | undefined> {
    const [row] = await em.query(`SELECT id FROM episode WHERE child_id = $1 AND state = 'open' LIMIT 1`, [childId]);
    return row?.id;
  }

  /** Keeps an event about an episode whose report has not arrived yet (the topics are not ordered with each other). */
  async park(em: EntityManager, eventId: string, episodeId: string, kind: ParkedKind, data: object) {
    await em.query(
      'INSERT INTO parked_event (event_id, episode_id, kind, data, parked_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT DO NOTHING',
      [eventId, episodeId, kind, JSON.stringify(data)],
    );
  }

  /** Takes back every event parked for an episode, in the order they came. */
  async unpark(em: EntityManager, episodeId: string): Promise<{ kind: ParkedKind; data: unknown }[]> {
    const [rows] = await em.query('DELETE FROM parked_event WHERE episode_id = $1 RETURNING kind, data, parked_at', [episodeId]);
    return (rows as { kind: ParkedKind; data: unknown; parked_at: Date }[]).sort((a, b) => a.parked_at.getTime() - b.parked_at.getTime());
  }
}
