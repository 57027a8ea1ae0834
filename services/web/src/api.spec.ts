import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateServiceTokenKeys, serviceTokenSigner } from '@safeguard/platform';
import { Api, ApiError, ResponseMismatch } from './api.js';
import type { SignedIn } from './domain/signed-in.js';

const CHILD = '6f1c9a52-7d1e-4c1a-9a39-0c1f6a9e0002';
const user: SignedIn = {
  accountId: '6f1c9a52-7d1e-4c1a-9a39-0c1f6a9e0009', username: 'care.oak', displayName: 'Care worker', role: 'care-staff',
  scope: { kind: 'home', id: '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001' }, sessionId: 's', csrfToken: 'c',
};

describe("the console's client of intake and the episode-tracker", () => {
  let server: Server;
  let api: Api;
  const answers = new Map<string, [number, unknown]>();
  const asked: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      const [status, body] = answers.get(`${req.method} ${req.url}`) ?? [404, { title: 'Not found' }];
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    api = new Api(await serviceTokenSigner((await generateServiceTokenKeys()).signingKey), { intake: base, tracker: base });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('parses an answer with its schema, keeping only what the console reads', async () => {
    answers.set(`GET /api/v1/children/${CHILD}`, [200, { id: CHILD, givenName: 'Amina', familyName: 'K', dateOfBirth: '2012-01-01', concerns: [] }]);
    expect(await api.child(user, CHILD)).toEqual({ id: CHILD, givenName: 'Amina', familyName: 'K' });
  });

  it('fails loudly on a drifted answer, naming the call and each field, never a value', async () => {
    answers.set(`GET /api/v1/homes/${user.scope.id}/children`, [200, [{ id: CHILD, givenName: 'Amina' }, { id: CHILD, givenName: 7, familyName: 'K' }]]);
    const e = await api.childrenAt(user, user.scope.id).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ResponseMismatch);
    expect((e as ResponseMismatch).call).toBe('GET /homes/{}/children');
    expect((e as ResponseMismatch).issues).toEqual([
      '0.familyName: Invalid input: expected string, received undefined',
      '1.givenName: Invalid input: expected string, received number',
    ]);
    expect((e as Error).message).not.toContain('Amina');
  });

  it('passes a refusal on as the service said it, and encodes path parameters', async () => {
    const e = await api.episode(user, '../alerts/awaiting').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(404);
    expect(asked.at(-1)).toBe('GET /api/v1/episodes/..%2Falerts%2Fawaiting');
  });
});
