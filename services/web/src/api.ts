import { signServiceToken, type Caller } from '@safeguard/platform';
import type { SignedIn } from './auth/sessions.js';

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: Record<string, unknown>) {
    super(`service answered ${status}`);
  }
}

/** Calls a service on behalf of the signed-in person, with a short-lived signed token carrying their role and scope. */
export class Api {
  constructor(private readonly secret: string, private readonly base: { intake: string; tracker: string }) {}

  private token(user: SignedIn): string {
    return signServiceToken(this.secret, { sub: user.accountId, role: user.role as Caller['role'], scope: user.scope as Caller['scope'] }, 120);
  }

  async call<T>(user: SignedIn, service: 'intake' | 'tracker', method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(new URL(`/api/v1${path}`, this.base[service]), {
      method, headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token(user)}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new ApiError(res.status, json);
    return json as T;
  }

  async bytes(user: SignedIn, path: string): Promise<{ type: string; bytes: Buffer }> {
    const res = await fetch(new URL(`/api/v1${path}`, this.base.intake), { headers: { authorization: `Bearer ${this.token(user)}` } });
    if (!res.ok) throw new ApiError(res.status, {});
    return { type: res.headers.get('content-type') ?? 'application/octet-stream', bytes: Buffer.from(await res.arrayBuffer()) };
  }
}
