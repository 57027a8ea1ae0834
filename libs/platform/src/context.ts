import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * What a unit of work (an HTTP request or a consumed event) carries: the correlation id that follows one report
 * across services, the event that caused it, and the W3C trace context. Logs and the outbox read it from here.
 */
export interface WorkContext {
  correlationId: string;
  causationId?: string;
  traceparent: string;
}

const storage = new AsyncLocalStorage<WorkContext>();

export const currentWork = (): WorkContext | undefined => storage.getStore();
export const runInWork = <T>(ctx: WorkContext, fn: () => T): T => storage.run(ctx, fn);

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A child span of an incoming traceparent, or a new trace when there is none or it is malformed. */
export function childTraceparent(parent?: string): string {
  const match = parent ? TRACEPARENT.exec(parent) : null;
  const traceId = match?.[1] ?? randomBytes(16).toString('hex');
  return `00-${traceId}-${randomBytes(8).toString('hex')}-${match?.[3] ?? '01'}`;
}

export const traceIdOf = (traceparent: string): string | undefined => TRACEPARENT.exec(traceparent)?.[1];

export function newWork(traceparent?: string, correlationId?: string): WorkContext {
  return { correlationId: correlationId ?? randomUUID(), traceparent: childTraceparent(traceparent) };
}
