import { buildEnvelope, type DataOf, type Envelope, type EventContract } from '@safeguard/contracts';
import type { EntityManager } from 'typeorm';
import { currentWork } from '../context.js';

/**
 * Writes events into the outbox inside the caller's transaction, validated against their contract. The message
 * key is the child, so one child's events stay in order on one partition.
 */
export class Outbox {
  constructor(private readonly source: string) {}

  async add<C extends EventContract>(
    em: EntityManager,
    contract: C,
    childId: string,
    data: DataOf<C>,
  ): Promise<Envelope<DataOf<C>>> {
    const work = currentWork();
    const envelope = buildEnvelope(contract, childId, data, {
      source: this.source,
      correlationId: work?.correlationId,
      causationId: work?.causationId,
    });
    await em.query(
      'INSERT INTO outbox (event_id, topic, message_key, value, traceparent) VALUES ($1, $2, $3, $4, $5)',
      [envelope.id, contract.topic, childId, JSON.stringify(envelope), work?.traceparent ?? null],
    );
    return envelope;
  }

  /** How many events of this contract are still waiting to be published (e.g. before erasing their topic). */
  async unpublished(em: EntityManager, contract: EventContract): Promise<number> {
    const [row] = await em.query('SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND published_at IS NULL', [contract.topic]);
    return row.n;
  }
}
