import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
// @ts-expect-error a plain script, no types
import { composeSecrets } from '../scripts/compose-env.mjs';

// There is no Docker engine on the project's machines, so docker-compose.yml is checked here instead of run.
type Compose = {
  services: Record<string, { image?: string; build?: string; depends_on?: Record<string, unknown>; environment?: Record<string, string>;
    healthcheck?: unknown; command?: string[]; ports?: string[]; profiles?: string[] }>;
};
const text = readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8');
/** Compose's own interpolation, applied to each value after parsing: ${VAR}, ${VAR:-default}, ${VAR:?error}; $$ is a literal $. */
const interpolate = (vars: Record<string, string>) => {
  const one = (value: string) => value.replace(/\$\$|\$\{(\w+)(?::([-?])([^}]*))?\}/g, (all, name?: string, op?: string, arg?: string) => {
    if (all === '$$') return '$';
    const set = vars[name!];
    if (set !== undefined && set !== '') return set;
    if (op === '-') return arg!;
    if (op === '?') throw new Error(`${name}: ${arg}`);
    return '';
  });
  const walk = (v: unknown): unknown => typeof v === 'string' ? one(v) : Array.isArray(v) ? v.map(walk)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v;
  return walk(parse(text, { merge: true })) as Compose;
};
const secrets = (await composeSecrets()) as Record<string, string>;
const compose = interpolate(secrets);

describe('docker-compose.yml', () => {
  const services = compose.services;

  it('runs Kafka (KRaft), PostgreSQL, Redis, Mailpit and every service', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining([
      'kafka', 'postgres', 'redis', 'mailpit', 'intake', 'risk-scoring', 'episode-tracker', 'notifier', 'web',
    ]));
    expect(services.kafka!.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(services.kafka!.environment!.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
  });

  it('gives every long-running container a healthcheck and only depends on services that exist', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.image ?? s.build).toBeDefined();
      if (!['topics', 'seed'].includes(name)) expect({ name, healthcheck: s.healthcheck }).toEqual({ name, healthcheck: expect.anything() });
      for (const dep of Object.keys(s.depends_on ?? {})) expect(Object.keys(services)).toContain(dep);
    }
  });

  it('configures each service with what its config requires', () => {
    for (const name of ['intake', 'risk-scoring', 'episode-tracker', 'notifier']) {
      const env = services[name]!.environment!;
      for (const key of ['DATABASE_URL', 'KAFKA_BROKERS', 'SERVICE_TOKEN_PUBLIC_KEYS', 'PORT', 'HOST']) {
        expect({ name, key, set: env[key] !== undefined }).toEqual({ name, key, set: true });
      }
      expect(services[name]!.command).toEqual(['node', `services/${name}/dist/main.js`]);
    }
    for (const key of ['REDIS_URL', 'EMAIL_CHANNEL', 'SMS_CHANNEL', 'SMTP_HOST', 'SMTP_PORT', 'MAIL_FROM', 'PUBLIC_URL', 'ACK_LINK_SECRET']) {
      expect(services.notifier!.environment![key]).toBeDefined();
    }
  });

  it('gives each service an environment its own config accepts (checked by the service\'s config loader, as at start)', () => {
    const loaders = { intake: 'loadIntakeConfig', 'risk-scoring': 'loadRiskConfig', 'episode-tracker': 'loadTrackerConfig', notifier: 'loadNotifierConfig', web: 'loadWebConfig' };
    for (const [name, loader] of Object.entries(loaders)) {
      const env = Object.fromEntries(Object.entries(services[name]!.environment!).map(([k, v]) => [k, String(v)]));
      const script = `import(${JSON.stringify(new URL(`../services/${name}/dist/config.js`, import.meta.url).href)}).then((m) => m.${loader}(JSON.parse(process.env.COMPOSE_ENV)))`;
      const run = () => execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH, COMPOSE_ENV: JSON.stringify(env) }, stdio: 'pipe' });
      expect({ name, accepted: (() => { try { run(); return true; } catch (e) { return String((e as { stderr?: Buffer }).stderr ?? e); } })() }).toEqual({ name, accepted: true });
    }
  });

  it('takes every secret from the environment, with no default, and refuses to start without it', () => {
    expect(() => interpolate({})).toThrow(/run node scripts\/compose-env.mjs/);
    for (const name of Object.keys(secrets)) {
      expect({ name, required: text.includes(`\${${name}:?`) }).toEqual({ name, required: true });
      expect({ name, defaulted: text.includes(`\${${name}:-`) }).toEqual({ name, defaulted: false });
    }
    expect(text).not.toMatch(/change-me|POSTGRES_HOST_AUTH_METHOD/);
    expect(services.web!.environment!.SERVICE_TOKEN_SIGNING_KEY).toBeDefined();
    for (const name of ['intake', 'risk-scoring', 'episode-tracker', 'notifier']) {
      expect({ name, signingKey: services[name]!.environment!.SERVICE_TOKEN_SIGNING_KEY }).toEqual({ name, signingKey: undefined });
    }
  });

  it('publishes ports on the loopback interface only and the web with secure cookies', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const port of s.ports ?? []) expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
    }
    expect(services.web!.environment!.COOKIE_SECURE).toBeUndefined();
  });

  it('seeds demo data only with the demo profile, never from a service\'s own start', () => {
    expect(services.seed!.profiles).toEqual(['demo']);
    for (const [name, s] of Object.entries(services)) {
      if (name !== 'seed') expect({ name, seeds: (s.command ?? []).join(' ').includes('seed.js') }).toEqual({ name, seeds: false });
      const seed = s.depends_on?.seed as { required?: boolean } | undefined;
      if (seed) expect({ name, required: seed.required }).toEqual({ name, required: false });
    }
  });

  it('gives every health check a start period, longer for Kafka than for a container that is up in seconds', () => {
    const seconds = (d: unknown) => { const m = /^(\d+)s$/.exec(String(d)); return m ? Number(m[1]) : NaN; };
    const periods = Object.fromEntries(Object.entries(services).filter(([, s]) => s.healthcheck)
      .map(([name, s]) => [name, seconds((s.healthcheck as { start_period?: string }).start_period)]));
    for (const [name, period] of Object.entries(periods)) expect({ name, period: period > 0 }).toEqual({ name, period: true });
    expect(periods.kafka).toBeGreaterThan(periods.redis!);
    expect(periods.intake).toBeGreaterThanOrEqual(30);
  });

  it('runs the Kafka version the local stack runs (infra/kafka/pom.xml)', () => {
    const local = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(new URL('../infra/kafka/pom.xml', import.meta.url), 'utf8'))![1];
    expect(services.kafka!.image).toBe(`apache/kafka:${local}`);
  });
});
