import { buildEnvelope, type DataOf, type Envelope, type EventContract } from '@safeguard/contracts';
import type { EntityManager } from 'typeorm';
import { currentWork } from '../context.js';
import { insertOrDefer } from '../inbox/batch.js';

/** One event for `Outbox.addAll`; `outboxEvent` checks its data against its contract's type. */
export interface OutboxEvent {
  contract: EventContract;
  childId: string;
  data: unknown;
}

export const outboxEvent = <C extends EventContract>(contract: C, childId: string, data: DataOf<C>): OutboxEvent => ({ contract, childId, data });

type Row = [eventId: string, topic: string, key: string, value: string, traceparent: string | null];

/** Rows in one statement, in the order given (the relay publishes by id, so a child's events keep their order). */
async function insert(em: EntityManager, rows: Row[]): Promise<void> {
  const column = (i: number) => rows.map((r) => r[i]);
  await em.query(
    `INSERT INTO outbox (event_id, topic, message_key, value, traceparent)
     SELECT event_id, topic, message_key, value, traceparent
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS r(event_id, topic, message_key, value, traceparent, n)
      ORDER BY n`,
    [column(0), column(1), column(2), column(3), column(4)],
  );
}

/**
 * Writes events into the outbox inside the caller's transaction, validated against their contract. The message
 * key is the child, so one child's events stay in order on one partition. Inside a consumer's batch the rows wait
 * for the batch's commit and go in one statement with every other event of the batch.
 */
export class Outbox {
  constructor(private readonly source: string) {}

  async add<C extends EventContract>(em: EntityManager, contract: C, childId: string, data: DataOf<C>): Promise<Envelope<DataOf<C>>> {
    const [envelope] = await this.addAll(em, [{ contract, childId, data }]);
    return envelope as Envelope<DataOf<C>>;
  }

  /** Several events in one statement (or, in a batch, with the batch's), in the order given. */
  async addAll(em: EntityManager, events: OutboxEvent[]): Promise<Envelope[]> {
    const work = currentWork();
    const envelopes = events.map(({ contract, childId, data }) =>
      buildEnvelope(contract, childId, data as DataOf<typeof contract>, { source: this.source, correlationId: work?.correlationId, causationId: work?.causationId }));
    const rows = envelopes.map((e, i): Row => [e.id, events[i]!.contract.topic, events[i]!.childId, JSON.stringify(e), work?.traceparent ?? null]);
    await insertOrDefer(em, 'outbox', rows, insert);
    return envelopes;
  }

  /** How many events of this contract are still waiting to be published (e.g. before erasing their topic). */
  async unpublished(em: EntityManager, contract: EventContract): Promise<number> {
    const [row] = await em.query('SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND published_at IS NULL', [contract.topic]);
    return row.n;
  }
}
