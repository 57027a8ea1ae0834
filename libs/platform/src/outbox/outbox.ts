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
}
