// Creates every topic listed in libs/contracts (and its .dlq twin). Never rely on auto-creation.
import { ensureTopics, kafkaSecurityFromEnv, TOPIC_PARTITIONS } from '@safeguard/platform';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
// A secured broker is reached with the services' own KAFKA_SSL* and KAFKA_SASL* variables.
const topics = await ensureTopics(brokers, prefix, TOPIC_PARTITIONS, kafkaSecurityFromEnv());
console.log(`topics: ${topics.length} present (${prefix || 'no prefix'})`);
