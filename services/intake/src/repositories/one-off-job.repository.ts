import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One-off jobs run to the end, and what they wait for. */
@Injectable()
export class OneOffJobRepository {
  /** Holds the job for this transaction: replicas starting together take turns. */
  async lock(em: EntityManager, name: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`one-off-job:${name}`]);
  }

  async done(em: EntityManager, name: string): Promise<boolean> {
    const rows: unknown[] = await em.query('SELECT 1 FROM one_off_job WHERE name = $1', [name]);
    return rows.length > 0;
  }

  async record(em: EntityManager, name: string, items: number, at: Date): Promise<void> {
    await em.query('INSERT INTO one_off_job (name, done_at, items) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, at, items]);
  }
}
