import type { Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { z } from 'zod';
import { route, type RouteSpec } from './openapi.js';

const UpOrDown = z.enum(['up', 'down']);
const Readiness = z.object({ status: UpOrDown, checks: z.record(z.string(), UpOrDown) });

/** The routes every service serves through the platform: health (health/health.ts), metrics (metrics.ts), these docs. */
export const PlatformRoutes = {
  live: route({
    method: 'get', path: '/health/live', operationId: 'healthLive', summary: 'Whether the process is up', tag: 'operations', public: true,
    responses: { 200: { description: 'Up', schema: z.object({ status: z.literal('up') }) } },
  }),
  ready: route({
    method: 'get', path: '/health/ready', operationId: 'healthReady', summary: 'Whether PostgreSQL, Kafka and Redis answer', tag: 'operations', public: true,
    responses: {
      200: { description: 'Every dependency answers', schema: Readiness },
      503: { description: 'A dependency is down; `checks` says which', schema: Readiness },
    },
  }),
  metrics: route({
    method: 'get', path: '/metrics', operationId: 'metrics', summary: 'Prometheus metrics', tag: 'operations', public: true,
    responses: { 200: { description: 'The Prometheus text format, version 0.0.4', mediaTypes: ['text/plain'] } },
  }),
  docsPage: route({
    method: 'get', path: '/api/docs', operationId: 'docsPage', summary: 'This API reference as a page', tag: 'docs', public: true,
    responses: { 200: { description: 'A page listing every operation, with a link to the document', mediaTypes: ['text/html'] } },
  }),
  docsJson: route({
    method: 'get', path: '/api/docs/openapi.json', operationId: 'docsDocument', summary: 'This OpenAPI document', tag: 'docs', public: true,
    responses: { 200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) } },
  }),
} as const;

const METHODS: Partial<Record<RequestMethod, RouteSpec['method']>> = {
  [RequestMethod.GET]: 'get', [RequestMethod.POST]: 'post', [RequestMethod.PUT]: 'put', [RequestMethod.PATCH]: 'patch', [RequestMethod.DELETE]: 'delete',
};

/**
 * The HTTP routes Nest registers for these controllers, as `METHOD /path` with OpenAPI's `{name}`: a spec compares
 * them with the route table, so a route cannot be served without being documented, or documented without being served.
 */
export function nestRoutes(controllers: Type[]): string[] {
  const join = (...parts: string[]) => '/' + parts.flatMap((p) => p.split('/')).filter(Boolean).join('/');
  const out: string[] = [];
  for (const c of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, c) ?? '');
    for (const name of Object.getOwnPropertyNames(c.prototype)) {
      const handler = (c.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (method === undefined || path === undefined) continue;
      const m = METHODS[method];
      if (!m) throw new Error(`${c.name}.${name}: method ${RequestMethod[method]} is not documented by the generator`);
      out.push(`${m.toUpperCase()} ${join(base, path).replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out.sort();
}

/** The same list from a route table. */
export const tableRoutes = (routes: readonly RouteSpec[]) => routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
