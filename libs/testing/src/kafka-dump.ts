import { randomUUID } from 'node:crypto';
import { createKafka } from '@safeguard/platform';

export interface DumpedRecord {
  topic: string;
  key: string;
  value: string;
  headers: string;
}

/**
 * Every record on every topic under `prefix` (dead-letter topics included), read from the beginning up to each
 * partition's end at the time of the call: for checks over everything the system ever put on the wire.
 */
export async function dumpTopics(brokers: string[], prefix: string): Promise<DumpedRecord[]> {
  const kafka = createKafka({ brokers, clientId: `dump-${randomUUID().slice(0, 8)}` });
  const admin = kafka.admin();
  await admin.connect();
  const consumer = kafka.consumer({ groupId: `${prefix}dump-${randomUUID()}` });
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    const remaining = new Map<string, number>(); // topic:partition -> end offset still to reach
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        if (Number(p.high) > Number(p.low)) remaining.set(`${topic}:${p.partition}`, Number(p.high));
      }
    }
    const records: DumpedRecord[] = [];
    if (remaining.size === 0) return records;
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          records.push({
            topic, key: message.key?.toString() ?? '', value: message.value?.toString() ?? '',
            headers: Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(';'),
          });
          const id = `${topic}:${partition}`;
          if (Number(message.offset) + 1 >= (remaining.get(id) ?? 0)) remaining.delete(id);
          if (remaining.size === 0) resolve();
        },
      }).catch(reject);
    });
    return records;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.disconnect();
  }
}
