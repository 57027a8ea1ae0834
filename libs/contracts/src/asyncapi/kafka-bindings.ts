import { TOPIC_PARTITIONS, TOPIC_REPLICAS } from '../topics.js';

/**
 * Kafka bindings as the AsyncAPI Kafka bindings spec defines them (github.com/asyncapi/bindings, kafka/README.md),
 * at 0.5.0: the newest version @asyncapi/parser 3.6.3 validates (@asyncapi/specs 6.11: 0.3.0 to 0.5.0).
 */
export const KAFKA_BINDING_VERSION = '0.5.0';

/** A topic as ensureTopics creates it (libs/platform/src/kafka/client.ts), from the same constants. */
export const topicBinding = (compacted: boolean) => ({
  kafka: {
    partitions: TOPIC_PARTITIONS,
    replicas: TOPIC_REPLICAS,
    topicConfiguration: { 'cleanup.policy': [compacted ? 'compact' : 'delete'] },
    bindingVersion: KAFKA_BINDING_VERSION,
  },
});

/** Every record's key is the child (the outbox writes it; the event server keeps it on a dead letter). */
export const childKeyBinding = {
  kafka: {
    key: {
      type: 'string',
      format: 'uuid',
      description: "The child's id, equal to the envelope's subject: one child's events stay in order on one partition.",
    },
    bindingVersion: KAFKA_BINDING_VERSION,
  },
};

const exactly = (value: string, description: string) => ({ type: 'string', enum: [value], description });

/** A service's consumer: its group (shared by its replicas) and its client id, both the service's name. */
export const consumerBinding = (service: string, group: string) => ({
  kafka: {
    groupId: exactly(group, 'Prefixed with KAFKA_TOPIC_PREFIX when one is set.'),
    clientId: exactly(service, "The service's name (SERVICE_NAME)."),
    bindingVersion: KAFKA_BINDING_VERSION,
  },
});

/** A service's producer (its client id); producers have no group. */
export const producerBinding = (service: string) => ({
  kafka: { clientId: exactly(service, "The service's name (SERVICE_NAME)."), bindingVersion: KAFKA_BINDING_VERSION },
});
