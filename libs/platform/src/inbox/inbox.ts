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
