import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { EnvelopeSchema, type DataOf, type Envelope, type EventContract } from './contract.js';

export class ContractViolation extends Error {
  constructor(
    readonly topic: string,
    readonly issues: readonly string[],
  ) {
    super(`${topic}: ${issues.join('; ')}`);
    this.name = 'ContractViolation';
  }
}

const describe = (error: z.ZodError, prefix: string): string[] =>
  error.issues.map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`);

export interface EnvelopeContext {
  source: string;
  correlationId?: string;
  causationId?: string;
  time?: Date;
  id?: string;
}

/** Builds an envelope for a contract, validating the payload on produce. */
export function buildEnvelope<C extends EventContract>(
  contract: C,
  subject: string,
  data: DataOf<C>,
  ctx: EnvelopeContext,
): Envelope<DataOf<C>> {
  const parsed = contract.data.safeParse(data);
  if (!parsed.success) throw new ContractViolation(contract.topic, describe(parsed.error, 'data'));
  const id = ctx.id ?? randomUUID();
  const envelope: Envelope<DataOf<C>> = {
    specversion: '1.0',
    id,
    type: contract.type,
    source: ctx.source,
    subject,
    time: (ctx.time ?? new Date()).toISOString(),
    correlationid: ctx.correlationId ?? id,
    ...(ctx.causationId ? { causationid: ctx.causationId } : {}),
    datacontenttype: 'application/json',
    data: parsed.data as DataOf<C>,
  };
  const checked = EnvelopeSchema.safeParse(envelope);
  if (!checked.success) throw new ContractViolation(contract.topic, describe(checked.error, ''));
  return envelope;
}

/** Parses and validates a consumed message against its contract (envelope, type and payload). */
export function parseEnvelope<C extends EventContract>(contract: C, raw: Buffer | string | null): Envelope<DataOf<C>> {
  if (raw === null || raw.length === 0) throw new ContractViolation(contract.topic, ['message has no value']);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch {
    throw new ContractViolation(contract.topic, ['value is not JSON']);
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) throw new ContractViolation(contract.topic, describe(envelope.error, ''));
  if (envelope.data.type !== contract.type) {
    throw new ContractViolation(contract.topic, [`type: expected ${contract.type}, got ${envelope.data.type}`]);
  }
  const data = contract.data.safeParse(envelope.data.data);
  if (!data.success) throw new ContractViolation(contract.topic, describe(data.error, 'data'));
  return { ...envelope.data, data: data.data as DataOf<C> };
}
