import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { KeyBinding } from '../domain/idempotency.js';

/** A caller's Idempotency-Key. */
export interface CallerKey {
  caller: string;
  key: string;
}

/** The Idempotency-Key bindings' SQL (the rules, and the 24-hour expiry, are in domain/idempotency.ts). */
@Injectable()
export class IdempotencyRepository {
  /**
   * Takes the key for this transaction (released when it commits or rolls back); false when another transaction
   * holds it, that is, a request with the same key is still in flight. Never waits.
   */
  async tryLock(em: EntityManager, k: CallerKey): Promise<boolean> {
    const [row] = await em.query('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', [`idempotency-key:${k.caller}:${k.key}`]);
    return row.locked === true;
  }

  async find(em: EntityManager, k: CallerKey): Promise<KeyBinding | undefined> {
    const [row] = await em.query(
      'SELECT fingerprint, episode_id AS "episodeId", expires_at AS "expiresAt" FROM idempotency_key WHERE caller = $1 AND key = $2',
      [k.caller, k.key],
    );
    return row;
  }

  /** Binds the key to this request and its episode, replacing an expired binding. */
  async bind(em: EntityManager, k: CallerKey, b: KeyBinding, now: Date): Promise<void> {
    await em.query(
      `INSERT INTO idempotency_key (caller, key, fingerprint, episode_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (caller, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, episode_id = EXCLUDED.episode_id,
         created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
      [k.caller, k.key, b.fingerprint, b.episodeId, now, b.expiresAt],
    );
  }
}
