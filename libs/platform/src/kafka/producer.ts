import type { Kafka, Producer, ProducerBatch, ProducerRecord, RecordMetadata } from 'kafkajs';
import type { Logger } from 'pino';
import { producersRenewed } from '../metrics.js';

/**
 * An idempotent producer (acks=all, one request in flight) that is replaced after any send that fails.
 *
 * kafkajs numbers each partition's batches and takes the numbers back when a send fails. But the broker may have
 * written the batch and only its answer been lost (a connection cut, a leader fenced mid-request). The next send then
 * reuses those numbers for other messages: the broker refuses it as out of order, and every later one too, for as long
 * as the producer lives (the Java client starts a new producer id instead; kafkajs does not). Worse, a later batch of
 * the same length would pass as a duplicate of the lost one and be dropped. A new producer has a new id and numbers
 * from zero; a batch that was written after all then arrives twice, and consumers' inbox applies it once.
 *
 * Sends go one at a time: a send that started while another was failing would take the numbers it gives back.
 */
export class RenewingProducer {
  private current?: Producer;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  /** `name` says which producer in logs and metrics (for example "outbox"). */
  constructor(private readonly kafka: Kafka, private readonly logger: Logger, private readonly name: string) {}

  /** Connects now rather than at the next send; a failure is thrown and the next call tries again. */
  async connect(): Promise<void> {
    await this.inTurn(() => this.producer());
  }

  send(record: ProducerRecord): Promise<RecordMetadata[]> {
    return this.inTurn(() => this.attempt((p) => p.send(record)));
  }

  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    return this.inTurn(() => this.attempt((p) => p.sendBatch(batch)));
  }

  /** Waits for the send under way, then disconnects; later sends are refused. */
  async disconnect(): Promise<void> {
    this.closed = true;
    await this.inTurn(async () => {
      const p = this.current;
      this.current = undefined;
      await p?.disconnect();
    });
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(work);
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async producer(): Promise<Producer> {
    if (this.current) return this.current;
    if (this.closed) throw new Error(`the ${this.name} producer is closed`);
    const p = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    try {
      await p.connect();
    } catch (error) {
      await p.disconnect().catch(() => undefined);
      throw error;
    }
    this.current = p;
    return p;
  }

  private async attempt(send: (p: Producer) => Promise<RecordMetadata[]>): Promise<RecordMetadata[]> {
    const p = await this.producer();
    try {
      return await send(p);
    } catch (error) {
      this.logger.warn({ producer: this.name, reason: (error as Error).message }, 'kafka send failed; the next send goes on a new producer');
      producersRenewed.inc({ producer: this.name });
      this.current = undefined;
      await p.disconnect().catch(() => undefined);
      throw error;
    }
  }
}
