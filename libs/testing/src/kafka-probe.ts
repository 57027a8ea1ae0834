import { randomUUID } from 'node:crypto';
import { buildEnvelope, dlqTopicOf, parseEnvelope, type DataOf, type Envelope, type EventContract } from '@safeguard/contracts';
import { createKafka } from '@safeguard/platform';
import type { Consumer, Producer } from 'kafkajs';

/**
 * Talks to the real broker the way a neighbouring service would: publishes validated events into a test file's
 * topics and collects (validated) events from them.
 */
export class KafkaProbe {
  private readonly kafka;
  private producer?: Producer;
  private readonly consumers: Consumer[] = [];

  constructor(brokers: string[], private readonly prefix: string) {
    this.kafka = createKafka({ brokers, clientId: `probe-${randomUUID().slice(0, 8)}` });
  }

  async publish<C extends EventContract>(contract: C, childId: string, data: DataOf<C>): Promise<Envelope<DataOf<C>>> {
    return this.republish(contract, buildEnvelope(contract, childId, data, { source: 'test-probe' }));
  }

  /** Sends an envelope again, as a redelivery or a replay would. */
  async republish<C extends EventContract>(contract: C, envelope: Envelope<DataOf<C>>): Promise<Envelope<DataOf<C>>> {
    await this.send(contract, envelope.subject, JSON.stringify(envelope));
    return envelope;
  }

  /** Sends a tombstone (a key with no value), as intake erases a child's records on a compacted topic. */
  async tombstone(contract: EventContract, childId: string): Promise<void> {
    await this.send(contract, childId, null);
  }

  /** How many records a contract's dead-letter topic has ever received. */
  async deadLettered(contract: EventContract): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(this.prefix + dlqTopicOf(contract.topic))).reduce((n, p) => n + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  /** One producer for everything the probe sends, so records for a key keep their order. */
  private async send(contract: EventContract, key: string, value: string | null): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await this.producer.connect();
    }
    await this.producer.send({ topic: this.prefix + contract.topic, messages: [{ key, value }] });
  }

  /** Collects every event of a contract from the beginning of its topic into the returned array. */
  async collect<C extends EventContract>(contract: C): Promise<Envelope<DataOf<C>>[]> {
    const seen: Envelope<DataOf<C>>[] = [];
    const consumer = this.kafka.consumer({ groupId: `${this.prefix}probe-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: this.prefix + contract.topic, fromBeginning: true });
    // A tombstone (a compacted topic's erasure) is not an event.
    await consumer.run({ eachMessage: async ({ message }) => void (message.value && seen.push(parseEnvelope(contract, message.value))) });
    this.consumers.push(consumer);
    return seen;
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.disconnect()));
    await this.producer?.disconnect();
  }
}
