import { Inject, Injectable } from '@nestjs/common';
import { ChildProfileChanged } from '@safeguard/contracts';
import { CONFIG, KAFKA, type BaseConfig } from '@safeguard/platform';
import type { Kafka } from 'kafkajs';

const BATCH = 500;

/**
 * Tombstones (a key with no value) on the retired, compacted intake.child-profile.v1 topic: once compaction runs, the
 * last record kept for each child is the tombstone, so the dates of birth that topic held are gone. Sent with the
 * same client settings as the outbox relay, so each key lands on the partition its events went to.
 */
@Injectable()
export class ProfileV1Tombstones {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(CONFIG) private readonly config: BaseConfig,
  ) {}

  async send(childIds: readonly string[]): Promise<void> {
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      for (let i = 0; i < childIds.length; i += BATCH) {
        await producer.send({
          topic: this.config.KAFKA_TOPIC_PREFIX + ChildProfileChanged.topic,
          acks: -1,
          messages: childIds.slice(i, i + BATCH).map((key) => ({ key, value: null })),
        });
      }
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }
}
