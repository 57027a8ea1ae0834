import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProfileFacts } from '../domain/profile.js';

/** What the tracker keeps of each child's profile, and assessments that overtook their report. */
@Injectable()
export class ChildRepository {
  /** Keeps the newest profile version only (the topic is compacted and may replay older ones). */
  async upsert(em: EntityManager, childId: string, p: ProfileFacts): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO child_profile (child_id, profile_version, trafficked, uasc_or_separated, nrm_referred, thirteenth_birthday, host_council)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (child_id) DO UPDATE SET profile_version = EXCLUDED.profile_version, trafficked = EXCLUDED.trafficked,
         uasc_or_separated = EXCLUDED.uasc_or_separated, nrm_referred = EXCLUDED.nrm_referred,
         thirteenth_birthday = EXCLUDED.thirteenth_birthday, host_council = EXCLUDED.host_council
       WHERE child_profile.profile_version < EXCLUDED.profile_version
       RETURNING child_id`,
      [childId, p.version, p.flags.trafficked, p.flags.uascOrSeparated, p.flags.nrmReferred, p.thirteenthBirthday, p.hostCouncil],
    );
    return rows.length > 0;
  }

  async profile(em: EntityManager, childId: string): Promise<ProfileFacts | undefined> {
    const [row] = await em.query(
      `SELECT profile_version AS version, json_build_object('trafficked', trafficked, 'uascOrSeparated', uasc_or_separated,
         'nrmReferred', nrm_referred) AS flags, to_char(thirteenth_birthday, 'YYYY-MM-DD') AS "thirteenthBirthday", host_council AS "hostCouncil"
         FROM child_profile WHERE child_id = $1`,
      [childId],
    );
    return row;
  }

  /** The child's episode still open, if any (episodes of one child never overlap). */
  async openEpisode(em: EntityManager, childId: string): Promise<string | undefined> {
    const [row] = await em.query(`SELECT id FROM episode WHERE child_id = $1 AND state = 'open' LIMIT 1`, [childId]);
    return row?.id;
  }

  /** Keeps the latest assessment of an episode whose report has not arrived yet. */
  async park(em: EntityManager, episodeId: string, assessment: object) {
    await em.query(
      `INSERT INTO parked_assessment (episode_id, assessment, parked_at) VALUES ($1, $2, now())
       ON CONFLICT (episode_id) DO UPDATE SET assessment = EXCLUDED.assessment, parked_at = now()`,
      [episodeId, JSON.stringify(assessment)],
    );
  }

  async unpark<T>(em: EntityManager, episodeId: string): Promise<T | undefined> {
    const [rows] = await em.query('DELETE FROM parked_assessment WHERE episode_id = $1 RETURNING assessment', [episodeId]);
    return rows[0]?.assessment;
  }
}
