import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { docsPage } from './openapi-page.js';
import { openApiDocument, route, type ServiceApi } from './openapi.js';

const report = route({
  method: 'post', path: '/api/v1/things/{id}', operationId: 'addThing', summary: 'Add a thing', tag: 'things', roles: ['admin'],
  params: z.strictObject({ id: z.uuid() }),
  query: z.strictObject({ dryRun: z.enum(['yes', 'no']).optional(), council: z.string() }),
  headers: [{ name: 'Idempotency-Key', schema: z.string().min(8).optional(), description: 'retries', component: 'IdempotencyKey' }],
  body: z.strictObject({ name: z.string().min(1), count: z.int().default(1), mobile: z.string().transform((s) => s.replace(/\s/g, '')) }),
  responses: { 201: { description: 'Added', schema: z.object({ id: z.uuid() }) } },
  problems: [409],
});
const health = route({
  method: 'get', path: '/health/live', operationId: 'live', summary: '<Up> & running', tag: 'operations', public: true,
  responses: { 200: { description: 'Up', mediaTypes: ['text/plain'] } },
});
const api: ServiceApi = { service: 'thing', title: 'Things', description: 'Test', port: 3999, tags: { things: 'Things.' }, routes: [report, health] };

type Op = { parameters: Record<string, unknown>[]; requestBody: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown>; security?: unknown[]; description?: string };

describe('openApiDocument', () => {
  const doc = openApiDocument(api) as { paths: Record<string, Record<string, Op>>; components: Record<string, Record<string, unknown>>; security: unknown[] };
  const op = doc.paths['/api/v1/things/{id}']!.post!;

  it('turns path, query and header schemas into parameters, required where the schema requires them', () => {
    expect(op.parameters.map((p) => p.$ref ?? `${p.in}:${p.name}:${p.required}`))
      .toEqual(['path:id:true', 'query:dryRun:false', 'query:council:true', '#/components/parameters/IdempotencyKey']);
    expect(doc.components.parameters!.IdempotencyKey).toMatchObject({ in: 'header', name: 'Idempotency-Key', required: false, schema: { minLength: 8 } });
  });

  it('documents the body as the request parses it: strict, with defaults optional and transforms as their input', () => {
    const body = op.requestBody.content['application/json']!.schema;
    expect(op.requestBody.required).toBe(true);
    expect(body).toMatchObject({ additionalProperties: false, required: ['name', 'mobile'], properties: { mobile: { type: 'string' } } });
    expect(body).not.toHaveProperty('$schema');
  });

  it('adds the shared problem answers: 400 for input, 401 for the token, and those the route names', () => {
    expect(Object.keys(op.responses).sort()).toEqual(['201', '400', '401', '409']);
    expect(op.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
    expect(Object.keys(doc.components.responses!).sort()).toEqual(['Conflict', 'Invalid', 'Unauthorised']);
    expect(doc.components.schemas!.ProblemDetails).toMatchObject({ properties: { 'invalid-params': { type: 'array' } } });
    expect(op.description).toContain('Only for the roles: admin.');
  });

  it('asks for the service token everywhere except on public routes', () => {
    expect(doc.security).toEqual([{ serviceToken: [] }]);
    expect(doc.components.securitySchemes!.serviceToken).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(op.security).toBeUndefined();
    expect(doc.paths['/health/live']!.get!.security).toEqual([]);
    expect(Object.keys(doc.paths['/health/live']!.get!.responses)).toEqual(['200']);
  });

  it('refuses a route declared twice and a tag without a description', () => {
    expect(() => openApiDocument({ ...api, routes: [report, report] })).toThrow('POST /api/v1/things/{id} is declared twice');
    expect(() => openApiDocument({ ...api, tags: {} })).toThrow('tag things has no description');
  });

  it('lists the operations on a page with everything escaped and no script', () => {
    const html = docsPage(openApiDocument(api));
    expect(html).toContain('&#60;Up&#62; &#38; running');
    expect(html).toContain('<a href="/api/docs/openapi.json">');
    expect(html).not.toMatch(/<script|style=|on\w+=/i);
  });
});
