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
 */
export class RenewingProducer {
  private current?: Promise<Producer>;

  /** `name` says which producer in logs and metrics (for example "outbox"). */
  constructor(private readonly kafka: Kafka, private readonly logger: Logger, private readonly name: string) {}

  /** Connects now rather than at the first send; a failure is thrown and the next send tries again. */
  async connect(): Promise<void> {
    await this.producer();
  }

  send(record: ProducerRecord): Promise<RecordMetadata[]> {
    return this.use((p) => p.send(record));
  }

  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    return this.use((p) => p.sendBatch(batch));
  }

  async disconnect(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    const p = await current?.catch(() => undefined);
    await p?.disconnect();
  }

  private producer(): Promise<Producer> {
    if (!this.current) {
      const p = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      const connecting = p.connect().then(() => p);
      this.current = connecting;
      connecting.catch(() => this.retire(connecting, p));
    }
    return this.current;
  }

  private async use(send: (p: Producer) => Promise<RecordMetadata[]>): Promise<RecordMetadata[]> {
    const current = this.producer();
    const p = await current;
    try {
      return await send(p);
    } catch (error) {
      if (this.current === current) {
        this.logger.warn({ producer: this.name, reason: (error as Error).message }, 'kafka send failed; the next send goes on a new producer');
        producersRenewed.inc({ producer: this.name });
        this.retire(current, p);
      }
      throw error;
    }
  }

  /** Sends still under way on the old producer fail and are retried by their callers on the new one. */
  private retire(which: Promise<Producer>, p: Producer): void {
    if (this.current === which) this.current = undefined;
    void p.disconnect().catch(() => undefined);
  }
}
