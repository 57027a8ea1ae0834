import { httpDuration, metrics } from '@safeguard/platform';
import type { NextFunction, Request, Response } from 'express';

/** Times every request for http_request_duration_seconds, as the services do: by route pattern, never the path (ids stay out). */
export function timeRequests() {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      httpDuration.observe({ method: req.method, route: req.route?.path ?? 'unmatched', status: String(res.statusCode) },
        Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

/**
 * The platform's registry at /metrics, with the services' policy: no session or token, answered on the console's own
 * listener only. The console alone sits behind a public proxy; a request carrying the proxy's `Forwarded` or
 * `X-Forwarded-For` came from outside, where no service's /metrics can be reached, so it gets 404 like any unknown page.
 */
export function metricsEndpoint() {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.headers.forwarded !== undefined || req.headers['x-forwarded-for'] !== undefined) return res.status(404).type('text/plain').send('Not found');
    try {
      res.setHeader('cache-control', 'no-store');
      res.type(metrics.contentType).send(await metrics.metrics());
    } catch (e) {
      next(e);
    }
  };
}
