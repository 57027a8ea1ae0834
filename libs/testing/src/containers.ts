/**
 * What the testcontainers fallback (infrastructure.ts) runs, as plain data so a unit test can check it on machines
 * without a Docker engine. The images are the ones docker-compose.yml runs; Kafka is the version in
 * infra/kafka/pom.xml (containers.spec.ts checks both).
 */
export const CONTAINER_IMAGES = { postgres: 'postgres:15', redis: 'redis:7', kafka: 'apache/kafka:4.3.1' } as const;

/** The port Kafka's client listener uses inside its container; the host side is chosen at run time. */
export const KAFKA_CLIENT_PORT = 9092;

export interface KafkaContainerSettings {
  image: string;
  environment: Record<string, string>;
  /** Container port to host port: only the client listener is published. */
  ports: { container: number; host: number }[];
  /** What tests pass as KAFKA_BROKERS. */
  brokers: string[];
}

/**
 * A single-node KRaft broker as the apache/kafka image documents it. Setting any KAFKA_* variable replaces all of
 * the image's defaults, so every required setting is here: node id, both process roles, the controller quorum and
 * replication factors of 1 (one broker cannot hold three replicas).
 *
 * Listeners: PLAINTEXT is for tests on the host and advertises the host port, which the caller picks before start
 * (`hostPort`), so every test file gets its own broker and nothing collides. BROKER is the broker's own listener:
 * the host address may not be reachable from inside the container, so the broker talks to itself on localhost.
 */
export function kafkaContainerSettings(host: string, hostPort: number): KafkaContainerSettings {
  if (!Number.isInteger(hostPort) || hostPort < 1 || hostPort > 65535) throw new Error(`hostPort: not a port (${hostPort})`);
  return {
    image: CONTAINER_IMAGES.kafka,
    environment: {
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://:${KAFKA_CLIENT_PORT},BROKER://:9094,CONTROLLER://:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:${hostPort},BROKER://localhost:9094`,
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      // Topics are created by ensureTopics, as in production: a test that forgets one fails instead of passing.
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_NUM_PARTITIONS: '3',
    },
    ports: [{ container: KAFKA_CLIENT_PORT, host: hostPort }],
    brokers: [`${host}:${hostPort}`],
  };
}

/** The log line the broker writes once it serves clients (KafkaRaftServer). */
export const KAFKA_STARTED = /Kafka Server started/;
