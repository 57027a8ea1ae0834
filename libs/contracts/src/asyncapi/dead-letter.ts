import { childKeyBinding } from './kafka-bindings.js';

/**
 * The headers the platform's event server (libs/platform/src/kafka/event-server.ts, `deadLetter`) adds when it parks
 * a message in `<topic>.dlq`, and the one `carried` over from a redriven record (set by scripts/dlq.mjs, so present
 * only when a redriven event fails again). document.spec.ts reads both files and fails when the lists differ.
 */
export const DEAD_LETTER_HEADERS: Record<string, { description: string; format?: string; maxLength?: number; carried?: true }> = {
  'dlq-reason': {
    description:
      'Why it was parked: "invalid: …" (failed the contract, parked at once), "handler failed N times: …" (N = the ' +
      'attempts allowed, outages of PostgreSQL, Redis or the network excepted) or "no contract or handler for …"; ' +
      'at most 1,000 characters.',
    maxLength: 1000,
  },
  'dlq-original-topic': { description: 'The topic the message was consumed from, with its KAFKA_TOPIC_PREFIX.' },
  'dlq-original-partition': { description: 'The partition it was consumed from (a decimal string).' },
  'dlq-original-offset': { description: 'Its offset in that partition (a decimal string).' },
  'dlq-consumer-group': { description: 'The consumer group that gave up on it, so a replay knows whose handler failed.' },
  'dlq-at': { description: 'When it was parked (ISO 8601, UTC).', format: 'date-time' },
  'dlq-redriven-from': {
    description:
      'Only on a message that failed again after `npm run dlq -- redrive`: the dead-letter entry it was redriven from, ' +
      'as "<topic>.dlq:<partition>:<offset>" (topic without KAFKA_TOPIC_PREFIX). The other dlq-* headers describe ' +
      'this failure; that entry keeps the earlier one.',
    carried: true,
  },
};

/** One message definition for every dead-letter channel: the original record unchanged, plus the reason headers. */
export const deadLetterMessage = {
  name: 'deadLetter',
  title: 'Dead letter',
  summary: 'A consumed message its consumer could not apply, parked so the partition carries on.',
  description:
    'The original record byte for byte (same key, value and headers, traceparent included) with the dlq-* headers ' +
    'added. No service consumes it: once the cause is fixed an operator redrives it to the original topic (`npm run ' +
    'dlq`), where the idempotent inbox drops anything already applied.',
  contentType: 'application/octet-stream',
  headers: {
    type: 'object',
    required: Object.entries(DEAD_LETTER_HEADERS).filter(([, h]) => !h.carried).map(([name]) => name),
    properties: {
      traceparent: { type: 'string', description: 'W3C trace context, carried over from the original record.' },
      ...Object.fromEntries(Object.entries(DEAD_LETTER_HEADERS).map(([name, { carried: _, ...h }]) => [name, { type: 'string', ...h }])),
    },
  },
  payload: {
    description:
      "The original record's value, unchanged: usually the topic's CloudEvents envelope, but it failed validation or " +
      'its handler, so it may be any bytes, or none.',
  },
  bindings: childKeyBinding,
};
