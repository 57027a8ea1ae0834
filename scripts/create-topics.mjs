// Creates every topic listed in libs/contracts (and its .dlq twin). Never rely on auto-creation.
import { ensureTopics, kafkaSecurityFromEnv, TOPIC_PARTITIONS, TOPIC_REPLICAS } from '@safeguard/platform';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
// A secured broker is reached with the services' own KAFKA_SSL* and KAFKA_SASL* variables.
// Three replicas on the three-node cluster (infra/kafka/cluster.sh); the single development broker holds one.
const replicas = Number(process.env.KAFKA_REPLICATION_FACTOR ?? TOPIC_REPLICAS);
const topics = await ensureTopics(brokers, prefix, TOPIC_PARTITIONS, kafkaSecurityFromEnv(), replicas);
console.log(`topics: ${topics.length} present (${prefix || 'no prefix'})`);
