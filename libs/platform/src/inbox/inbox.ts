import type { Envelope } from '@safeguard/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Applies an event at most once per consumer: the inbox row and the effect commit together, so a redelivered or
 * replayed event is skipped. Returns false when the event had already been applied. With `lockKey` (a child), the
 * claim also takes that key's transaction lock in the same round trip: two events about one child handled at once
 * on different topics, partitions or replicas then wait for each other and never miss each other's writes.
 */
export async function applyOnce(
  dataSource: DataSource,
  consumer: string,
  envelope: Envelope,
  effect: (em: EntityManager) => Promise<void>,
  lockKey?: string,
): Promise<boolean> {
  // PostgreSQL's default READ COMMITTED gives each later statement a fresh snapshot, so the effect sees what the
  // previous holder of the lock committed. (Naming the level here would cost a round trip per event.)
  return dataSource.transaction(async (em) => {
    const claimed: unknown[] = await em.query(
      lockKey === undefined
        ? 'INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id'
        : `WITH claimed AS (INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id)
           SELECT event_id, pg_advisory_xact_lock(hashtext($3)) FROM claimed`,
      lockKey === undefined ? [consumer, envelope.id] : [consumer, envelope.id, lockKey],
    );
    if (claimed.length === 0) return false;
    await effect(em);
    return true;
  });
}

/** A service's inbox: `inbox.once(event, effect)` applies each event at most once for this service. */
export class Inbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: string,
  ) {}

  once(envelope: Envelope, effect: (em: EntityManager) => Promise<void>, options: { lockKey?: string } = {}): Promise<boolean> {
    return applyOnce(this.dataSource, this.consumer, envelope, effect, options.lockKey);
  }
}
