import { z } from 'zod';
import { CONSUMERS, consumerGroupOf } from '../consumers.js';
import { dlqTopicOf, EnvelopeSchema, type EventContract } from '../contract.js';
import { CONTRACTS } from '../topics.js';
import { deadLetterMessage } from './dead-letter.js';
import { childKeyBinding, consumerBinding, producerBinding, topicBinding } from './kafka-bindings.js';

const messageName = (type: string): string =>
  type.replace(/^uk\.safeguard\./, '').replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase());
const camel = (s: string): string => s.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const pascal = (s: string): string => camel(s[0]!.toUpperCase() + s.slice(1));
const ref = (path: string) => ({ $ref: `#/${path}` });

/** (service, contract) for every row of the consumer table. */
const consumptions = (): { service: string; contract: EventContract }[] =>
  Object.entries(CONSUMERS).flatMap(([service, contracts]) => contracts.map((contract) => ({ service, contract })));

/**
 * The AsyncAPI 3 document, generated from the same zod schemas that validate every message, the consumer table and
 * the topic settings the platform creates topics with: one channel per topic, one per dead-letter topic that a
 * consumer can write to, a send operation per event, and per consumer a receive operation and its dead-letter send.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const messages: Record<string, unknown> = { deadLetter: deadLetterMessage };
  const operations: Record<string, unknown> = {};
  for (const c of CONTRACTS) {
    const name = messageName(c.type);
    const envelope = z.toJSONSchema(EnvelopeSchema.extend({ type: z.literal(c.type), data: c.data }), {
      target: 'draft-07',
    });
    messages[name] = {
      name,
      title: c.type,
      summary: c.description,
      contentType: 'application/cloudevents+json',
      headers: {
        type: 'object',
        properties: { traceparent: { type: 'string', description: 'W3C trace context' } },
      },
      payload: envelope,
      bindings: childKeyBinding,
    };
    channels[name] = {
      address: c.topic,
      description: c.description + (c.compacted ? ' (compacted topic)' : ''),
      messages: { [name]: ref(`components/messages/${name}`) },
      bindings: topicBinding(c.compacted ?? false),
    };
    operations[`publish${pascal(name)}`] = {
      action: 'send',
      channel: ref(`channels/${name}`),
      messages: [ref(`channels/${name}/messages/${name}`)],
    };
  }

  for (const { service, contract } of consumptions()) {
    const name = messageName(contract.type);
    const dlq = `${name}Dlq`;
    channels[dlq] ??= {
      address: dlqTopicOf(contract.topic),
      description: `Dead letters of ${contract.topic}: messages a consumer of it could not apply.`,
      messages: { deadLetter: ref('components/messages/deadLetter') },
      bindings: topicBinding(false),
    };
    const group = consumerGroupOf(service);
    operations[`${camel(service)}Consumes${pascal(name)}`] = {
      action: 'receive',
      title: `${service} consumes ${contract.topic}`,
      summary: `In consumer group "${group}", shared by its replicas; each event is applied once (idempotent inbox).`,
      channel: ref(`channels/${name}`),
      messages: [ref(`channels/${name}/messages/${name}`)],
      bindings: consumerBinding(service, group),
    };
    operations[`${camel(service)}DeadLetters${pascal(name)}`] = {
      action: 'send',
      title: `${service} parks what it cannot apply from ${contract.topic}`,
      summary:
        'An invalid message at once, or one whose handler failed every attempt, goes here with the reason; the ' +
        'partition carries on.',
      channel: ref(`channels/${dlq}`),
      messages: [ref(`channels/${dlq}/messages/deadLetter`)],
      bindings: producerBinding(service),
    };
  }

  return {
    asyncapi: '3.1.0', // the newest version @asyncapi/parser 3.6.3 knows (it advises against 3.0.0)
    info: {
      title: 'Safeguard events',
      version: '1.0.0',
      description:
        'Events between the Safeguard services. Kafka key = childId. Payloads carry ids, codes and times, never ' +
        'names, descriptions, photos, addresses or dates of birth (the retired intake.child-profile.v1 aside, whose ' +
        'keys intake erases with tombstones). A consumed message that fails validation, or its handler, goes to ' +
        '<topic>.dlq. Every topic name and consumer group is prefixed with KAFKA_TOPIC_PREFIX when one is set (tests ' +
        'isolate themselves so).',
    },
    defaultContentType: 'application/cloudevents+json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka' } },
    channels,
    operations,
    components: { messages },
  };
}
