// Creates every topic listed in libs/contracts (and its .dlq twin). Never rely on auto-creation.
import { ensureTopics } from '@safeguard/platform';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
const topics = await ensureTopics(brokers, prefix);
console.log(`topics: ${topics.length} present (${prefix || 'no prefix'})`);
