import type { Envelope } from '@safeguard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { currentBatch, inOwnBatch } from './batch.js';

export interface OnceOptions {
  /** A child: the claim takes that key's transaction lock too (see `applyOnce`). */
  lockKey?: string;
  /** A wake-up that must see the effect committed (the clock, a queue); PostgreSQL holds the truth, so it may fail. */
  afterCommit?: () => Promise<unknown>;
}

/**
 * Applies an event at most once per consumer: the inbox row and the effect commit together, so a redelivered or
 * replayed event is skipped. Returns false when the event had already been applied. With `lockKey` (a child), the
 * claim also takes that key's transaction lock in the same round trip: two events about one child handled at once
 * on different topics, partitions or replicas then wait for each other and never miss each other's writes. Inside a
 * consumer's batch (batch.ts) the claim and effect join the batch's transaction, and `afterCommit` waits for it.
 */
export async function applyOnce(
  dataSource: DataSource,
  consumer: string,
  envelope: Envelope,
  effect: (em: EntityManager) => Promise<void>,
  { lockKey, afterCommit }: OnceOptions = {},
): Promise<boolean> {
  const apply = async (em: EntityManager) => {
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
  };
  const batch = currentBatch();
  if (batch) {
    const applied = await apply(await batch.manager(dataSource));
    if (afterCommit) batch.later(afterCommit);
    return applied;
  }
  // On its own, the event is a batch of one. PostgreSQL's default READ COMMITTED gives each later statement a fresh
  // snapshot, so the effect sees what the previous holder of the lock committed. (Naming the level here would cost a
  // round trip per event.)
  return inOwnBatch(dataSource, apply, afterCommit);
}

/** A service's inbox: `inbox.once(event, effect)` applies each event at most once for this service. */
export class Inbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: string,
  ) {}

  once(envelope: Envelope, effect: (em: EntityManager) => Promise<void>, options: OnceOptions = {}): Promise<boolean> {
    return applyOnce(this.dataSource, this.consumer, envelope, effect, options);
  }
}
