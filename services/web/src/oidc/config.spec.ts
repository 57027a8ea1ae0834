import { beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, generateServiceTokenKeys } from '@safeguard/platform';
import { loadWebConfig } from '../config.js';
import { councilSignIn, localSignIn } from './config.js';

let base: Record<string, string>;
beforeAll(async () => {
  base = {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/web', INTAKE_URL: 'http://127.0.0.1:3001', TRACKER_URL: 'http://127.0.0.1:3003',
    SERVICE_TOKEN_SIGNING_KEY: (await generateServiceTokenKeys()).signingKey,
  };
});

const council = {
  OIDC_ISSUER: 'https://login.council.example/realms/staff', OIDC_CLIENT_ID: 'safeguard', OIDC_CLIENT_SECRET: 'a-client-secret-from-the-provider-0123456789',
  OIDC_REDIRECT_URI: 'https://safeguard.council.example/sign-in/council/callback', OIDC_DISPLAY_NAME: 'Demo Borough Council',
  OIDC_ROLE_MAP: JSON.stringify([{ group: 'sg-managers', role: 'team-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } }]),
};

const problems = (env: Record<string, string>): string[] => {
  try {
    loadWebConfig({ ...base, ...env });
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
};

describe('sign-in configuration', () => {
  it('without OIDC_* there is no council sign-in, and local passwords are on outside production', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const c = loadWebConfig({ ...base, NODE_ENV });
      expect({ council: councilSignIn(c), local: localSignIn(c) }).toEqual({ council: undefined, local: true });
    }
  });

  it('reads council sign-in when every required setting is there, with the defaults for the rest', () => {
    const s = councilSignIn(loadWebConfig({ ...base, ...council }))!;
    expect(s).toEqual(expect.objectContaining({ clientId: 'safeguard', groupsClaim: 'groups', scopes: 'openid profile', allowHttp: false, displayName: 'Demo Borough Council' }));
    expect(s.issuer.href).toBe('https://login.council.example/realms/staff');
    expect(s.roleMap).toEqual([{ group: 'sg-managers', role: 'team-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } }]);
  });

  it('names each missing setting when council sign-in is half configured', () => {
    const { OIDC_CLIENT_SECRET: _s, OIDC_ROLE_MAP: _m, ...half } = council;
    const found = problems(half);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^OIDC_CLIENT_SECRET: required for council sign-in/);
    expect(found[1]).toMatch(/^OIDC_ROLE_MAP: required for council sign-in/);
  });

  it('empty variables count as unset (a compose file passing through what is not set)', () => {
    const empty = Object.fromEntries(Object.keys(council).map((k) => [k, '']));
    expect(councilSignIn(loadWebConfig({ ...base, ...empty }))).toBeUndefined();
  });

  it('names the bad entry of the role map, and a map that is not JSON', () => {
    const bad = JSON.stringify([...JSON.parse(council.OIDC_ROLE_MAP), { group: 'g', role: 'chief', scope: { kind: 'council', id: 'C' } }]);
    expect(problems({ ...council, OIDC_ROLE_MAP: bad })).toEqual([expect.stringMatching(/^OIDC_ROLE_MAP\.1\.role: /)]);
    expect(problems({ ...council, OIDC_ROLE_MAP: '[{group:' })).toEqual([expect.stringMatching(/^OIDC_ROLE_MAP: is not JSON/)]);
  });

  it('production refuses local passwords and plain http, and needs some way to sign in', () => {
    const production = { NODE_ENV: 'production', COOKIE_SECURE: 'true' };
    expect(localSignIn(loadWebConfig({ ...base, ...production, ...council }))).toBe(false);
    expect(problems({ ...production, ...council, LOCAL_SIGN_IN: 'true' })).toEqual([expect.stringMatching(/^LOCAL_SIGN_IN: /)]);
    expect(problems({ ...production, ...council, OIDC_ALLOW_HTTP: 'true' })).toEqual([expect.stringMatching(/^OIDC_ALLOW_HTTP: /)]);
    expect(problems(production)).toEqual([expect.stringMatching(/^OIDC_ISSUER: no way to sign in/)]);
    expect(problems({ ...production, ...council, COOKIE_SECURE: 'false' })).toEqual([expect.stringMatching(/^COOKIE_SECURE: /)]);
    expect(problems({ LOCAL_SIGN_IN: 'false' })).toEqual([expect.stringMatching(/^OIDC_ISSUER: no way to sign in/)]);
  });

  it('the provider and the callback are https unless OIDC_ALLOW_HTTP says otherwise, and the callback is the console\'s', () => {
    const http = { ...council, OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_REDIRECT_URI: 'http://127.0.0.1:3000/sign-in/council/callback' };
    expect(problems(http).map((p) => p.split(':')[0])).toEqual(['OIDC_ISSUER', 'OIDC_REDIRECT_URI']);
    expect(councilSignIn(loadWebConfig({ ...base, ...http, OIDC_ALLOW_HTTP: 'true' }))?.allowHttp).toBe(true);
    expect(problems({ ...council, OIDC_REDIRECT_URI: 'https://safeguard.council.example/callback' })).toEqual([expect.stringMatching(/^OIDC_REDIRECT_URI: must end in/)]);
    expect(problems({ ...council, OIDC_SCOPES: 'profile groups' })).toEqual([expect.stringMatching(/^OIDC_SCOPES: must include openid/)]);
  });
});
