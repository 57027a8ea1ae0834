import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { refuseInProduction } from './secrets.js';
import { SigningKeySetting } from './auth/service-token.js';

/** Every secret in the repository's development settings, as the services read them. */
const developmentSecrets = (): Record<string, string> => Object.fromEntries(
  readFileSync(new URL('../../../infra/local/local.env', import.meta.url), 'utf8').split('\n')
    .map((l) => /^([A-Z_]+)='?(.*?)'?$/.exec(l.trim())).filter((m) => m !== null)
    .filter(([, name]) => /(_SECRET|_TOKEN|_PASSWORD|_SIGNING_KEY|_API_KEY)$/.test(name!))
    .map(([, name, value]) => [name!, name === 'SERVICE_TOKEN_SIGNING_KEY' ? SigningKeySetting.parse(value) : value!]),
);

describe('secrets in production', () => {
  it('refuses every development secret committed in the repository, by name and never by value', () => {
    const dev = developmentSecrets();
    expect(Object.keys(dev).length).toBeGreaterThanOrEqual(2);
    const problems = refuseInProduction({ NODE_ENV: 'production', ...dev });
    expect(problems).toHaveLength(Object.keys(dev).length);
    for (const [name, value] of Object.entries(dev)) {
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
      expect(problems.join(' ')).not.toContain(value);
    }
  });

  it('refuses a secret under 32 bytes and accepts a fresh long one', () => {
    expect(refuseInProduction({ NODE_ENV: 'production', ACK_LINK_SECRET: 'short' })).toEqual(['ACK_LINK_SECRET: a secret must be at least 32 bytes']);
    expect(refuseInProduction({ NODE_ENV: 'production', ACK_LINK_SECRET: 'a-fresh-secret-that-nobody-has-seen-before-0f3a' })).toEqual([]);
  });

  it('leaves development alone', () => {
    expect(refuseInProduction({ NODE_ENV: 'development', ...developmentSecrets() })).toEqual([]);
  });
});
