import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { currentWork, traceIdOf } from './context.js';

/**
 * Fields that may hold a child's personal data. Censored wherever they appear in a log record, so a careless
 * `log.info({ body })` cannot leak a name or description. Ids and codes are left readable.
 */
export const REDACTED_FIELDS = [
  'name', 'firstName', 'lastName', 'fullName', 'otherNames', 'nickname', 'dateOfBirth', 'description', 'address',
  'photo', 'photograph', 'clothing', 'lastSeenWhere', 'lastSeenBy', 'foundWhere', 'whoWith', 'whatTheyTook',
  'notes', 'email', 'phone', 'phoneNumber', 'password', 'token', 'authorization', 'cookie', 'body', 'givenName',
  'familyName', 'lastSeen', 'facts', 'tookWith', 'mayBeWith', 'actionsTaken', 'parameters', 'request',
];

export function createLogger(service: string, level = 'info'): Logger {
  const paths = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]);
  return pino({
    level,
    base: { service },
    redact: { paths: [...paths, 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Every line written while handling a request or an event names its correlation id and W3C trace id, so one
    // report can be followed across services.
    mixin: () => {
      const work = currentWork();
      return work ? { correlationId: work.correlationId, traceId: traceIdOf(work.traceparent) } : {};
    },
  });
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
