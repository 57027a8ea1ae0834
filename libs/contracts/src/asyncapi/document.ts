import { z } from 'zod';
import { EnvelopeSchema } from '../contract.js';
import { CONTRACTS } from '../topics.js';

const messageName = (type: string): string =>
  type.replace(/^uk\.safeguard\./, '').replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase());

/** The AsyncAPI 3 document, generated from the same zod schemas that validate every message. */
export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
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
    };
    channels[name] = {
      address: c.topic,
      description: c.description + (c.compacted ? ' (compacted topic)' : ''),
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    operations[`publish${name[0]!.toUpperCase()}${name.slice(1)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${name}` },
      messages: [{ $ref: `#/channels/${name}/messages/${name}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Safeguard events',
      version: '1.0.0',
      description:
        'Events between the Safeguard services. Kafka key = childId. Payloads carry ids, codes and times, never ' +
        'names, descriptions, photos, addresses or dates of birth (the retired intake.child-profile.v1 aside, whose ' +
        'keys intake erases with tombstones). A message that fails validation goes to <topic>.dlq.',
    },
    defaultContentType: 'application/cloudevents+json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka' } },
    channels,
    operations,
    components: { messages },
  };
}
