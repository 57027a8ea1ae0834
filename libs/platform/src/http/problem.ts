import {
  Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { throwError } from 'rxjs';
import type { z } from 'zod';
import { AccessDenied } from '../auth/policy.js';

export interface InvalidParam {
  name: string;
  reason: string;
}

/** An RFC 9457 problem: a 4xx that names what was wrong, never echoing personal data back. */
export class Problem extends HttpException {
  constructor(
    status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(title, status);
  }

  static invalid(params: InvalidParam[]): Problem {
    const names = params.map((p) => p.name).join(', ');
    return new Problem(400, 'Invalid request', `Check these fields: ${names}`, { 'invalid-params': params });
  }
}

/** Parses a request part with a zod schema, or throws a 400 naming every invalid field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw Problem.invalid(
    parsed.error.issues.map((i) => ({ name: [where, ...i.path.map(String)].join('.'), reason: i.message })),
  );
}

/**
 * HTTP errors become problem+json; anything unexpected is a 500 that says nothing about the data. In the Kafka
 * context the original error is passed on, so the event server can retry it and name it in the DLQ.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse();
    const req = host.switchToHttp().getRequest();
    let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
    let body: Record<string, unknown> = { title: 'Internal error' };
    if (exception instanceof AccessDenied) {
      const v = exception.verdict;
      status = v.hidden ? 404 : 403;
      body = { title: v.title, detail: v.detail, ...(v.field ? { 'invalid-params': [{ name: v.field, reason: v.detail }] } : {}) };
    } else if (exception instanceof Problem) {
      status = exception.getStatus();
      body = { title: exception.title, detail: exception.detail, ...exception.extra };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const r = exception.getResponse();
      body = { title: typeof r === 'string' ? r : ((r as { message?: string }).message ?? exception.message) };
    } else {
      // Never the error object itself: a database error carries the query's parameters, which may be personal data.
      const e = exception as { name?: string; code?: string; constraint?: string };
      this.logger.error({ error: e?.name, code: e?.code, constraint: e?.constraint, method: req.method, path: req.route?.path }, 'unhandled error');
    }
    res
      .status(status)
      .type('application/problem+json')
      .json({ type: 'about:blank', status, ...body, instance: req.originalUrl?.split('?')[0] });
  }
}
