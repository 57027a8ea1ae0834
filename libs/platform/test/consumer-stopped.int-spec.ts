import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AbsenceReported } from '@safeguard/contracts';
import { eventually, isolation, testInfrastructure, type Infrastructure } from '@safeguard/testing';
import { PartitionAssigners, type Consumer } from 'kafkajs';
import { createLogger } from '../src/logging.js';
import { createKafka, ensureTopics } from '../src/kafka/client.js';
import { KafkaEventServer } from '../src/kafka/event-server.js';

describe('a consumer kafkajs will not restart ends its service (real Kafka)', () => {
  const iso = isolation('stopped');
  const logger = createLogger('stopped-test', 'silent');
  let infra: Infrastructure;
  let holder: Consumer | undefined;
  let server: KafkaEventServer | undefined;

  beforeAll(async () => {
    infra = await testInfrastructure();
    await ensureTopics(infra.kafkaBrokers, iso.topicPrefix, 1);
  });

  afterAll(async () => {
    await server?.close();
    await holder?.disconnect();
    await infra?.stop();
  });

  it('a group that refuses the consumer for good stops the service, rather than leave it answering and consuming nothing', async () => {
    const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: iso.id }, logger);
    const groupId = `${iso.topicPrefix}group`;
    // A member whose only partition assigner has another name holds the group, so the broker refuses the service's
    // join as inconsistent with it (INCONSISTENT_GROUP_PROTOCOL), an error kafkajs does not retry.
    holder = kafka.consumer({ groupId, partitionAssigners: [(config) => ({ ...PartitionAssigners.roundRobin(config), name: 'AnotherAssigner' })] });
    let joined = false;
    holder.on(holder.events.GROUP_JOIN, () => { joined = true; });
    await holder.connect();
    await holder.subscribe({ topics: [iso.topicPrefix + AbsenceReported.topic] });
    await holder.run({ eachMessage: async () => undefined });
    await eventually(() => expect(joined).toBe(true));

    let stopped = 0;
    server = new KafkaEventServer({ kafka, groupId, prefix: iso.topicPrefix, logger, onStopped: () => { stopped += 1; } });
    server.addHandler(AbsenceReported.topic, async () => undefined);
    await new Promise<void>((resolve, reject) => void server!.listen((error) => (error ? reject(error) : resolve())));
    await eventually(() => expect(stopped).toBe(1));
  });

  it('a crash kafkajs restarts from leaves the service running; any other ends it', () => {
    let stopped = 0;
    const watched = new KafkaEventServer({ kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: iso.id }), groupId: 'g', prefix: iso.topicPrefix,
      logger, onStopped: () => void stopped++ });
    watched['onCrash']({ error: new Error('retries exhausted'), restart: true });
    expect(stopped).toBe(0); // kafkajs restarts it
    watched['onCrash']({ error: new Error('The group coordinator is not available'), restart: false });
    expect(stopped).toBe(1);
  });
});
