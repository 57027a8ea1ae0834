import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NO_FAILURES, type Failures } from '../domain/throttle.js';

/** Sign-in failures per throttling key, one row each, locked while an attempt updates them. */
@Injectable()
export class SignInFailureRepository {
  /** The failures under these keys, each row locked until the caller's transaction ends (in key order: no deadlock). */
  async lock(em: EntityManager, keys: string[]): Promise<Map<string, Failures>> {
    const sorted = [...keys].sort();
    await em.query('INSERT INTO sign_in_failure (key, count) SELECT unnest($1::text[]), 0 ON CONFLICT (key) DO NOTHING', [sorted]);
    const rows: { key: string; count: number; lastAt: Date | null; notBefore: Date | null }[] = await em.query(
      `SELECT key, count, last_at AS "lastAt", not_before AS "notBefore" FROM sign_in_failure WHERE key = ANY($1) ORDER BY key FOR UPDATE`,
      [sorted]);
    const found = new Map(rows.map(({ key, ...f }) => [key, f]));
    return new Map(keys.map((k) => [k, found.get(k) ?? NO_FAILURES]));
  }

  async save(em: EntityManager, key: string, f: Failures): Promise<void> {
    await em.query('UPDATE sign_in_failure SET count = $2, last_at = $3, not_before = $4 WHERE key = $1', [key, f.count, f.lastAt, f.notBefore]);
  }

  /** Deletes rows with no failure since `quietSince` and no delay pending at `now`; returns how many. */
  async purge(em: EntityManager, now: Date, quietSince: Date): Promise<number> {
    const [, count] = await em.query(
      'DELETE FROM sign_in_failure WHERE (last_at IS NULL OR last_at <= $2) AND (not_before IS NULL OR not_before <= $1)', [now, quietSince],
    ) as [unknown, number];
    return count;
  }
}
