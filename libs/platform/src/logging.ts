import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { currentWork, traceIdOf } from './context.js';

/**
 * Keys that may hold a child's (or a carer's, or an associate's) personal data: every personal field of the child's
 * record, the information pack (Part 1) and the absence and return reports (Part 2), and credentials. Censored
 * wherever they appear in a log record, at any depth, so a careless `log.info({ body })` cannot leak a name, a
 * description or an address. Ids and codes stay readable. A spec logs a whole pack and report and finds none of
 * their values.
 */
export const REDACTED_FIELDS: ReadonlySet<string> = new Set([
  // The child and their contacts.
  'name', 'firstName', 'lastName', 'fullName', 'givenName', 'familyName', 'childName', 'otherNames', 'nickname',
  'dateOfBirth', 'address', 'email', 'phone', 'phoneNumber', 'mobile', 'contact', 'contacts', 'socialWorker', 'relationship',
  'photo', 'photograph', 'medicalNeeds', 'essentialMedication', 'communicationNeeds', 'firstLanguage', 'otherLanguages',
  // Part 1: the information pack.
  'identity', 'gender', 'nationality', 'homeOfficeReference', 'ictgContact', 'interpreterLanguage',
  'physicalDescription', 'description', 'height', 'build', 'hair', 'eyes', 'marksScarsTattoos',
  'vulnerabilities', 'warningMarkers', 'associates', 'placesFrequented', 'place', 'riskNotes', 'phones', 'number',
  'handset', 'billPayer', 'socialMedia', 'moneyAndTravelCards', 'usualTransport', 'previousEpisodes', 'foundWhere',
  'withWhom', 'whatHappened', 'pack', 'part1', 'part2',
  // Part 2: the absence, its updates and the return.
  'lastSeen', 'where', 'by', 'clothing', 'tookWith', 'mayBeWith', 'actionsTaken', 'lastSeenWhere', 'lastSeenBy',
  'whoWith', 'whatTheyTook', 'facts', 'outcome', 'notes', 'safeAndWellCheck', 'detail',
  // Whole inputs and credentials.
  'body', 'parameters', 'request', 'password', 'token', 'authorization', 'cookie', 'set-cookie',
]);

const CENSOR = '[redacted]';
const MAX_DEPTH = 32;

/**
 * A copy of a log record with every personal key censored at any depth. Only a cycle (a value inside itself) or a
 * very deep value is cut off; the same object logged twice side by side is copied twice.
 */
export function redact(value: unknown, depth = 0, ancestors = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH || ancestors.has(value)) return CENSOR;
  if (value instanceof Error) return { type: value.name, message: value.message, stack: value.stack };
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value)) return CENSOR;
  ancestors.add(value);
  const out = Array.isArray(value)
    ? value.map((v) => redact(v, depth + 1, ancestors))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, REDACTED_FIELDS.has(k) ? CENSOR : redact(v, depth + 1, ancestors)]));
  ancestors.delete(value);
  return out;
}

export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  return pino({
    level,
    base: { service },
    formatters: { log: (record) => redact(record) as Record<string, unknown> },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Every line written while handling a request or an event names its correlation id and W3C trace id, so one
    // report can be followed across services.
    mixin: () => {
      const work = currentWork();
      return work ? { correlationId: work.correlationId, traceId: traceIdOf(work.traceparent) } : {};
    },
  }, destination);
}

/** Nest's logger interface over pino, so framework messages are structured too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) { this.logger.info({ context }, String(message)); }
  error(message: unknown, trace?: string, context?: string) { this.logger.error({ context, trace }, String(message)); }
  warn(message: unknown, context?: string) { this.logger.warn({ context }, String(message)); }
  debug(message: unknown, context?: string) { this.logger.debug({ context }, String(message)); }
  verbose(message: unknown, context?: string) { this.logger.trace({ context }, String(message)); }
}
