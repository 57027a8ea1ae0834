import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InformationPack, StoredPack } from '../domain/information-pack.js';

export interface Photo {
  bytes: Buffer;
  type: string;
}

/** All of intake's SQL for the police information pack. */
@Injectable()
export class PackRepository {
  async savePart1(em: EntityManager, childId: string, part1: InformationPack, by: string): Promise<void> {
    await em.query(
      `INSERT INTO information_pack (child_id, part1, updated_at, updated_by) VALUES ($1, $2, now(), $3)
       ON CONFLICT (child_id) DO UPDATE SET part1 = EXCLUDED.part1, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [childId, JSON.stringify(part1), by],
    );
  }

  /** Stores the photograph with its type and date; false when the child has no pack yet. */
  async savePhoto(em: EntityManager, childId: string, photo: Photo & { takenOn: string }, by: string): Promise<boolean> {
    const [, count] = await em.query(
      'UPDATE information_pack SET photo = $2, photo_type = $3, photo_taken_on = $4, updated_at = now(), updated_by = $5 WHERE child_id = $1',
      [childId, photo.bytes, photo.type, photo.takenOn, by],
    );
    return count > 0;
  }

  async find(em: EntityManager, childId: string): Promise<StoredPack | undefined> {
    const [pack] = await em.query(
      `SELECT part1, photo_type AS "photoType", photo_taken_on::text AS "photoTakenOn", updated_at AS "updatedAt"
         FROM information_pack WHERE child_id = $1`,
      [childId],
    );
    return pack;
  }

  /** The photograph; `lock` holds it for a replacement in this transaction. */
  async photo(em: EntityManager, childId: string, lock = false): Promise<Photo | undefined> {
    const [row] = await em.query(
      `SELECT photo AS bytes, photo_type AS type FROM information_pack WHERE child_id = $1 AND photo IS NOT NULL${lock ? ' FOR UPDATE' : ''}`,
      [childId],
    );
    return row;
  }

  /** Children whose pack has a photograph, a page at a time in id order. */
  async withPhoto(em: EntityManager, after: string | null, size: number): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT child_id AS id FROM information_pack WHERE photo IS NOT NULL AND ($1::uuid IS NULL OR child_id > $1) ORDER BY child_id LIMIT $2`,
      [after, size],
    );
    return rows.map((r) => r.id);
  }

  /** Replaces the photograph's bytes and type only: who last changed the pack, and when, stay as they were. */
  async replacePhoto(em: EntityManager, childId: string, photo: Photo): Promise<void> {
    await em.query('UPDATE information_pack SET photo = $2, photo_type = $3 WHERE child_id = $1', [childId, photo.bytes, photo.type]);
  }
}
