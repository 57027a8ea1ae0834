import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// There is no Docker engine on the project's machines, so docker-compose.yml is checked here instead of run.
const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: string; depends_on?: Record<string, unknown>; environment?: Record<string, string>;
    healthcheck?: unknown; command?: string[] }>;
};

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
      for (const key of ['DATABASE_URL', 'KAFKA_BROKERS', 'SERVICE_TOKEN_SECRET', 'PORT', 'HOST']) {
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

  it('runs the Kafka version the local stack runs (infra/kafka/pom.xml)', () => {
    const local = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(new URL('../infra/kafka/pom.xml', import.meta.url), 'utf8'))![1];
    expect(services.kafka!.image).toBe(`apache/kafka:${local}`);
  });
});
