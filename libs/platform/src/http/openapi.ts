import type { Role } from '@safeguard/contracts';
import { z } from 'zod';

/*
 * OpenAPI 3.1 from the zod schemas the controllers parse with. Each service declares its routes once, in a table
 * beside its controllers (src/http/routes.ts); the controller parses with the table's schemas and this file turns
 * the same table into the document served at /api/docs/openapi.json and committed as services/<name>/openapi.json.
 * OpenAPI 3.1 schemas are JSON Schema draft 2020-12, which is zod's default target, so nothing is translated by hand.
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A request header a route reads; `component` puts it in components.parameters, shared by name. */
export interface HeaderSpec {
  name: string;
  schema: z.ZodType;
  description: string;
  component?: string;
}

export interface ResponseSpec {
  description: string;
  /** The JSON answer's schema, where there is one; a route without one documents only the status. */
  schema?: z.ZodType;
  /** Another media type than JSON (an image, a page, Prometheus text): documented without a JSON schema. */
  mediaTypes?: readonly string[];
}

/** The problem statuses a route may answer with, beyond the 400 and 401 the generator adds itself. */
export type ProblemStatus = 403 | 404 | 409 | 410 | 413 | 422 | 503;

export interface RouteSpec {
  method: Method;
  /** The OpenAPI path, `{name}` for a path parameter (Nest's `:name`). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** No service token (health, metrics, signed links, Notify's callbacks, these docs). */
  public?: boolean;
  /** A public route's own security scheme instead (one of the service's `securitySchemes`). */
  securityScheme?: string;
  /** The roles the route is restricted to by @Roles(); finer rules are the service's own (docs/access.md). */
  roles?: readonly Role[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: readonly HeaderSpec[];
  body?: z.ZodType;
  /** The body may be left out altogether (the controller parses `{}` instead). */
  optionalBody?: boolean;
  /** The media type of `body` (JSON by default). */
  bodyMediaType?: string;
  /** A raw body with no JSON schema (an image), by media type. */
  rawBody?: readonly string[];
  responses: Readonly<Record<number, ResponseSpec>>;
  problems?: readonly ProblemStatus[];
}

/** Declares a route, keeping its schemas' exact types for the controller's `parseInput`. */
export const route = <const R extends RouteSpec>(r: R): R => r;

/** What a service's document says about it, and its routes. */
export interface ServiceApi {
  service: string;
  title: string;
  description: string;
  port: number;
  /** What each tag groups, for the reader. */
  tags: Readonly<Record<string, string>>;
  /** Security schemes beyond the service token, for routes that name one. */
  securitySchemes?: Readonly<Record<string, Record<string, unknown>>>;
  routes: readonly RouteSpec[];
}

/** A problem response's body (libs/platform/src/http/problem.ts), as a schema: RFC 9457 with `invalid-params`. */
export const ProblemDetails = z.object({
  type: z.string().describe('Always about:blank: the status and title say what happened.'),
  status: z.int().min(400).max(599),
  title: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional().describe('The request path, without its query.'),
  'invalid-params': z.array(z.object({
    name: z.string().describe('Where the wrong value is: body.<field path>, query.<name>, path.<name> or header.<Name>.'),
    reason: z.string(),
  })).optional().describe('Each field that was wrong, by name; never the value given.'),
}).describe('RFC 9457 problem details. Never echoes personal data back.');

const PROBLEMS: Record<number, { name: string; description: string }> = {
  400: { name: 'Invalid', description: 'The request is malformed; `invalid-params` names every wrong field.' },
  401: { name: 'Unauthorised', description: 'The bearer service token is missing, expired, for another service or not signed by a listed key.' },
  403: { name: 'Forbidden', description: "The caller's role or scope may not do this (docs/access.md); the detail says why." },
  404: { name: 'NotFound', description: 'Not found, or hidden from this caller so that its existence is not shown.' },
  409: { name: 'Conflict', description: 'The resource is not in a state that allows this.' },
  410: { name: 'Gone', description: 'No longer available.' },
  413: { name: 'TooLarge', description: 'The body is larger than this endpoint accepts.' },
  422: { name: 'Unprocessable', description: 'Well formed, but against a rule; the detail says which.' },
  503: { name: 'Unavailable', description: 'A dependency is down.' },
};

/** JSON Schema 2020-12 for one zod schema, its input side (what a parse accepts: defaults optional) or its output side. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', reused: 'inline' }) as Record<string, unknown>;
  // A $defs block would hold $refs relative to this schema, which break once it sits inside the document.
  if ('$defs' in rest) throw new Error('a recursive schema cannot be inlined into the OpenAPI document');
  return rest;
}

function parameters(where: 'path' | 'query', object: z.ZodObject | undefined) {
  if (!object) return [];
  const s = jsonSchema(object, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name, in: where, required: where === 'path' || (s.required ?? []).includes(name),
      ...(description ? { description } : {}), schema: rest,
    };
  });
}

const problemRef = (status: number) => ({ $ref: `#/components/responses/${PROBLEMS[status]!.name}` });

function operation(r: RouteSpec, components: { parameters: Record<string, unknown> }) {
  const headers = (r.headers ?? []).map((h) => {
    const { description: _d, ...schema } = jsonSchema(h.schema, 'input');
    const optional = h.schema.safeParse(undefined).success;
    const p = { name: h.name, in: 'header', required: !optional, description: h.description, schema };
    if (!h.component) return p;
    components.parameters[h.component] = p;
    return { $ref: `#/components/parameters/${h.component}` };
  });
  const params = [...parameters('path', r.params), ...parameters('query', r.query), ...headers];
  const responses: Record<string, unknown> = {};
  for (const [status, res] of Object.entries(r.responses)) {
    // An answer's schema is the one its reader parses it with, so its input side: zod's output side would close
    // every z.object with additionalProperties: false, while a service may add fields the console does not read.
    const content = res.schema
      ? { 'application/json': { schema: jsonSchema(res.schema, 'input') } }
      : res.mediaTypes ? Object.fromEntries(res.mediaTypes.map((m) => [m, {}])) : undefined;
    responses[status] = { description: res.description, ...(content ? { content } : {}) };
  }
  const takesInput = params.length > 0 || r.body !== undefined || r.rawBody !== undefined;
  const problems = new Set<number>([...(takesInput ? [400] : []), ...(r.public && !r.securityScheme ? [] : [401]), ...(r.problems ?? [])]);
  for (const status of [...problems].sort()) responses[String(status)] ??= problemRef(status);
  const roles = r.roles ? `\n\nOnly for the roles: ${r.roles.join(', ')}.` : '';
  return {
    operationId: r.operationId,
    summary: r.summary,
    ...(r.description || roles ? { description: `${r.description ?? r.summary}${roles}` } : {}),
    tags: [r.tag],
    ...(r.public ? { security: r.securityScheme ? [{ [r.securityScheme]: [] }] : [] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(r.body ? { requestBody: { required: !r.optionalBody && !r.body.safeParse(undefined).success, content: { [r.bodyMediaType ?? 'application/json']: { schema: jsonSchema(r.body, 'input') } } } } : {}),
    ...(r.rawBody ? { requestBody: { required: true, content: Object.fromEntries(r.rawBody.map((m) => [m, {}])) } } : {}),
    responses,
  };
}

const TOKEN = [
  'A service token: a JWT signed with Ed25519 (EdDSA) by the web console or the admin tools, never by a service.',
  'Claims: `sub`, `role`, `scope` (the person), `aud` (the one service it is for), `iss` (safeguard-web by default),',
  '`iat` and `exp` (two minutes, at most fifteen). A token for another service, from an unlisted issuer or key, expired',
  'or issued in the future is refused with 401 (docs/security.md, "Service tokens").',
].join(' ');

/** The OpenAPI 3.1 document of one service. */
export function openApiDocument(api: ServiceApi): Record<string, unknown> {
  const components = { parameters: {} as Record<string, unknown> };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of api.routes) {
    const ops = (paths[r.path] ??= {});
    if (ops[r.method]) throw new Error(`${r.method.toUpperCase()} ${r.path} is declared twice`);
    ops[r.method] = operation(r, components);
  }
  const described: Record<string, string> = { ...TAGS, ...api.tags };
  const tags = [...new Set(api.routes.map((r) => r.tag))].sort().map((name) => {
    if (!described[name]) throw new Error(`tag ${name} has no description`);
    return { name, description: described[name] };
  });
  return {
    openapi: '3.1.1',
    info: {
      title: api.title,
      version: '1.0.0',
      description: api.description,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: `http://127.0.0.1:${api.port}`, description: 'The local stack (npm start)' }],
    security: [{ serviceToken: [] }],
    tags,
    paths,
    components: {
      securitySchemes: { serviceToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: TOKEN }, ...api.securitySchemes },
      schemas: { ProblemDetails: jsonSchema(ProblemDetails, 'input') },
      ...(Object.keys(components.parameters).length ? { parameters: components.parameters } : {}),
      responses: Object.fromEntries(Object.values(PROBLEMS).map((p) => [p.name, {
        description: p.description,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      }]).filter(([name]) => usesProblem(paths, name as string))),
    },
  };
}

const usesProblem = (paths: Record<string, unknown>, name: string) => JSON.stringify(paths).includes(`"#/components/responses/${name}"`);

/** Tag descriptions shared by the services' documents. */
const TAGS: Record<string, string> = {
  operations: 'Health checks and Prometheus metrics, served by every service without a token.',
  docs: 'This document.',
};
