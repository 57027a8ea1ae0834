import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CONTAINER_IMAGES, KAFKA_CLIENT_PORT, kafkaContainerSettings } from './containers.js';

// No Docker engine runs on the project's machines, so the testcontainers fallback is checked as data.
const repo = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const compose = parse(repo('docker-compose.yml'), { merge: true }) as {
  services: Record<string, { image?: string; environment?: Record<string, string | number> }>;
};
const composeKafka = Object.fromEntries(Object.entries(compose.services.kafka!.environment!).map(([k, v]) => [k, String(v)]));
const localKafka = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(repo('infra/kafka/pom.xml'))![1];

/** "NAME://host:port,…" → { NAME: { host, port } } */
const listeners = (value: string) => Object.fromEntries(value.split(',').map((l) => {
  const m = /^(\w+):\/\/([^:]*):(\d+)$/.exec(l)!;
  return [m[1]!, { host: m[2]!, port: Number(m[3]) }];
}));

describe('kafkaContainerSettings (the testcontainers fallback)', () => {
  const settings = kafkaContainerSettings('localhost', 49_153);
  const env = settings.environment;

  it('runs the images docker-compose.yml runs, and the Kafka version the local stack runs', () => {
    expect(settings.image).toBe(`apache/kafka:${localKafka}`);
    expect(CONTAINER_IMAGES.kafka).toBe(compose.services.kafka!.image);
    expect(CONTAINER_IMAGES.postgres).toBe(compose.services.postgres!.image);
    expect(CONTAINER_IMAGES.redis).toBe(compose.services.redis!.image);
  });

  it('sets every setting the image needs once its defaults are replaced (single-node KRaft)', () => {
    expect(env).toMatchObject({
      KAFKA_NODE_ID: '1', KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093', KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1', KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    });
    // Everything compose sets is set here too, with the same value apart from the addresses.
    const addresses = ['KAFKA_LISTENERS', 'KAFKA_ADVERTISED_LISTENERS', 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP', 'KAFKA_CONTROLLER_QUORUM_VOTERS'];
    for (const [key, value] of Object.entries(composeKafka)) {
      expect({ key, set: env[key] !== undefined }).toEqual({ key, set: true });
      if (!addresses.includes(key)) expect({ key, value: env[key] }).toEqual({ key, value });
    }
  });

  it('has listeners that agree with each other, the quorum and the published port', () => {
    const bound = listeners(env.KAFKA_LISTENERS!);
    const advertised = listeners(env.KAFKA_ADVERTISED_LISTENERS!);
    const protocols = Object.fromEntries(env.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP!.split(',').map((p) => p.split(':')));
    for (const name of Object.keys(bound)) expect({ name, protocol: protocols[name] }).toEqual({ name, protocol: 'PLAINTEXT' });
    // The controller listens but is never advertised to clients; the quorum voter is this node on that listener.
    expect(advertised.CONTROLLER).toBeUndefined();
    const [, voterId, voterPort] = /^(\d+)@localhost:(\d+)$/.exec(env.KAFKA_CONTROLLER_QUORUM_VOTERS!)!;
    expect(voterId).toBe(env.KAFKA_NODE_ID);
    expect(Number(voterPort)).toBe(bound.CONTROLLER!.port);
    // The broker reaches itself on a listener inside the container, never through the host's port.
    expect(advertised[env.KAFKA_INTER_BROKER_LISTENER_NAME!]).toEqual({ host: 'localhost', port: bound[env.KAFKA_INTER_BROKER_LISTENER_NAME!]!.port });
    // Clients: the host port is published to the client listener and advertised, and is what tests connect to.
    expect(bound.PLAINTEXT!.port).toBe(KAFKA_CLIENT_PORT);
    expect(advertised.PLAINTEXT).toEqual({ host: 'localhost', port: 49_153 });
    expect(settings.ports).toEqual([{ container: KAFKA_CLIENT_PORT, host: 49_153 }]);
    expect(settings.brokers).toEqual(['localhost:49153']);
  });

  it('uses the port chosen at run time, so two test files get two brokers', () => {
    const other = kafkaContainerSettings('docker.example', 50_001);
    expect(other.brokers).toEqual(['docker.example:50001']);
    expect(other.ports).toEqual([{ container: KAFKA_CLIENT_PORT, host: 50_001 }]);
    expect(other.environment.KAFKA_ADVERTISED_LISTENERS).toContain('PLAINTEXT://docker.example:50001');
    expect(JSON.stringify(settings)).not.toContain('19092');
    for (const bad of [0, 70_000, 1.5, Number.NaN]) expect(() => kafkaContainerSettings('localhost', bad)).toThrow(/hostPort/);
  });
});
