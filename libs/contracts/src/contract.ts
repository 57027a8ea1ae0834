import { z } from 'zod';

/** One event version: its topic, CloudEvents type and payload schema. A breaking change is a new .v2 contract. */
export interface EventContract<D extends z.ZodType = z.ZodType> {
  readonly topic: string;
  readonly type: string;
  readonly description: string;
  readonly data: D;
  /** Keep only the latest event per key (the child). */
  readonly compacted?: boolean;
}

export const defineEvent = <D extends z.ZodType>(contract: EventContract<D>): EventContract<D> => contract;

export type DataOf<C extends EventContract> = z.infer<C['data']>;

/** CloudEvents 1.0 structured-mode envelope; `id` is the idempotency key, `subject` the child. */
export const EnvelopeSchema = z.strictObject({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  type: z.string().regex(/^uk\.safeguard\.[a-z-]+\.[a-z-]+\.v\d+$/),
  source: z.string().min(1).max(64),
  subject: z.uuid(),
  time: z.iso.datetime({ offset: true }),
  correlationid: z.uuid(),
  causationid: z.uuid().optional(),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
});

export interface Envelope<T = unknown> extends Omit<z.infer<typeof EnvelopeSchema>, 'data'> {
  data: T;
}

export const dlqTopicOf = (topic: string): string => `${topic}.dlq`;
