import type { Envelope } from '@safeguard/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Applies an event at most once per consumer: the inbox row and the effect commit together, so a redelivered or
 * replayed event is skipped. Returns false when the event had already been applied.
 */
export async function applyOnce(
  dataSource: DataSource,
  consumer: string,
  envelope: Envelope,
  effect: (em: EntityManager) => Promise<void>,
): Promise<boolean> {
  return dataSource.transaction(async (em) => {
    const claimed: unknown[] = await em.query(
      'INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
      [consumer, envelope.id],
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

  once(envelope: Envelope, effect: (em: EntityManager) => Promise<void>): Promise<boolean> {
    return applyOnce(this.dataSource, this.consumer, envelope, effect);
  }
}

/**
 * Serialises work on one key (a child) until the transaction ends, across consumers, partitions and replicas: two
 * events about the same child handled at once on different topics must not miss each other's writes.
 */
export async function lockForTransaction(em: EntityManager, key: string): Promise<void> {
  await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
}
