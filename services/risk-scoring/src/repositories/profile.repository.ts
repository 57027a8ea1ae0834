import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ChildProfile } from '../domain/facts.js';
import type { StoredProfile } from '../domain/inputs.js';

/** The latest risk-relevant profile of each child. */
@Injectable()
export class ProfileRepository {
  /** Keeps the newest profile only: a replayed or out-of-order older version changes nothing. */
  async upsert(em: EntityManager, childId: string, version: number, profile: ChildProfile, eventId: string) {
    await em.query(
      `INSERT INTO child_profile (child_id, profile_version, profile, event_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (child_id) DO UPDATE SET profile_version = EXCLUDED.profile_version, profile = EXCLUDED.profile,
         event_id = EXCLUDED.event_id WHERE child_profile.profile_version < EXCLUDED.profile_version`,
      [childId, version, JSON.stringify(profile), eventId],
    );
  }

  async find(em: EntityManager, childId: string): Promise<StoredProfile | undefined> {
    const [row] = await em.query(
      'SELECT profile_version AS version, profile, event_id AS "eventId" FROM child_profile WHERE child_id = $1',
      [childId],
    );
    return row;
  }
}
