import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// oidc-provider ships no typings; the few parts used here are typed below.
import Provider from 'oidc-provider';

/** A person in the council's directory, as the identity provider knows them. */
export interface StaffMember {
  password: string;
  name: string;
  groups: string[];
  /** Disabled at the council: the provider answers access_denied. */
  disabled?: boolean;
}

interface Interaction {
  uid: string;
  prompt: { name: 'login' | 'consent'; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } };
  params: { client_id: string };
  session?: { accountId: string };
  grantId?: string;
}
interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: unknown, o?: { mergeWithLastSubmission: boolean }): Promise<void>;
  Grant: { new (o: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant> };
}

const page = (title: string, body: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
}

/**
 * A real OpenID provider (oidc-provider) for the council, on 127.0.0.1 over http, with its own minimal sign-in page:
 * PKCE required, a confidential client for the console, groups in the UserInfo claims (scope `groups`). The server
 * listens before the console starts (the console needs the issuer); the client is registered once the console's
 * callback URL is known.
 */
export class CouncilIdp {
  readonly directory: Record<string, StaffMember> = {};
  readonly clientId = 'safeguard-console';
  readonly clientSecret = 'council-idp-client-secret-for-the-e2e-test';
  /** When set, a redirect to the console's callback is kept here and the browser parked at the provider instead. */
  parkCallbacks = false;
  readonly parked: string[] = [];
  private provider?: OidcProvider;
  private server?: Server;
  private callbackUrl = '';

  get issuer(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async listen(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res).catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    }));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Registers the console as a client, with its exact callback URL. */
  register(callbackUrl: string): void {
    this.callbackUrl = callbackUrl;
    const directory = this.directory;
    this.provider = new (Provider as unknown as new (issuer: string, config: unknown) => OidcProvider)(this.issuer, {
      clients: [{
        client_id: this.clientId, client_secret: this.clientSecret, redirect_uris: [callbackUrl],
        response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic',
      }],
      pkce: { required: () => true },
      scopes: ['openid', 'profile', 'groups'],
      claims: { openid: ['sub'], profile: ['name'], groups: ['groups'] },
      findAccount: (_ctx: unknown, id: string) => (directory[id] ? {
        accountId: id,
        claims: () => ({ sub: id, name: directory[id]!.name, groups: directory[id]!.groups }),
      } : undefined),
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      features: { devInteractions: { enabled: false } },
      cookies: { keys: ['council-idp-cookie-key-for-the-e2e-test'] },
      // Its own signing key and lifetimes (the defaults work, but announce themselves on the console).
      jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'council-idp', use: 'sig', alg: 'RS256' }] },
      ttl: { Session: 3_600, Grant: 3_600, Interaction: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
      renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
        ctx.type = 'html';
        ctx.body = page('Council sign-in error', `<p>${escape(out.error ?? 'error')}</p>`);
      },
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const provider = this.provider;
    if (!provider) {
      res.statusCode = 503;
      return void res.end('not ready');
    }
    const path = new URL(req.url ?? '/', this.issuer).pathname;
    if (path === '/parked') return void res.setHeader('content-type', 'text/html').end(page('Parked', '<p>The answer was kept by the test.</p>'));
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
    if (interaction && req.method === 'POST' && interaction[2]) return this.login(provider, req, res);
    if (interaction && req.method === 'GET' && !interaction[2]) return this.prompt(provider, req, res);
    if (this.parkCallbacks) this.parkCallbackRedirects(res);
    provider.callback()(req, res);
  }

  /** The provider's own pages: sign in, then consent (granted at once: the console is the council's own client). */
  private async prompt(provider: OidcProvider, req: IncomingMessage, res: ServerResponse, error?: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'consent') {
      const grant = details.grantId ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id });
      if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
      if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
    res.statusCode = error ? 401 : 200;
    res.setHeader('content-type', 'text/html');
    res.end(page('Council staff sign-in', `${error ? `<p role="alert">${escape(error)}</p>` : ''}
      <form method="post" action="/interaction/${details.uid}/login">
        <label for="login">Council username</label> <input id="login" name="login" autocomplete="username">
        <label for="password">Council password</label> <input id="password" name="password" type="password">
        <button type="submit">Continue</button>
      </form>`));
  }

  private async login(provider: OidcProvider, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await form(req);
    const login = body.get('login') ?? '';
    const member = Object.hasOwn(this.directory, login) ? this.directory[login] : undefined;
    if (!member || member.password !== body.get('password')) return this.prompt(provider, req, res, 'Wrong username or password');
    if (member.disabled) {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'This account may not use this service' },
        { mergeWithLastSubmission: false });
    }
    return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  }

  /** Keeps the provider's redirect to the console's callback and sends the browser to /parked instead. */
  private parkCallbackRedirects(res: ServerResponse): void {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) => {
      if (name.toLowerCase() === 'location' && String(value).startsWith(this.callbackUrl)) {
        this.parked.push(String(value));
        return setHeader(name, `${this.issuer}/parked`);
      }
      return setHeader(name, value);
    };
  }
}
