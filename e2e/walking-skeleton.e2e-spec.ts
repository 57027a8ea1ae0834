import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureTopics, signServiceToken, dropDatabase } from '@safeguard/platform';
import {
  eventually, freePort, isolation, ServiceProcess, SmtpSink, testInfrastructure, type Infrastructure,
} from '@safeguard/testing';

const run = promisify(execFile);
const SECRET = 'e2e-service-token-secret-at-least-32-chars';
const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const AMINA = '5e0c1a1e-0000-4000-8000-000000000001'; // demo child: suspected trafficked, UASC, day 2 of placement
const SERVICES = ['intake', 'risk-scoring', 'episode-tracker', 'notifier'] as const;

describe('walking skeleton: one absence carried through all four services to a real email', () => {
  const iso = isolation('e2e');
  const sink = new SmtpSink();
  const procs: ServiceProcess[] = [];
  let infra: Infrastructure;
  let env: (service: string) => Record<string, string>;

  beforeAll(async () => {
    infra = await testInfrastructure();
    await sink.start();
    await ensureTopics(infra.kafkaBrokers, iso.topicPrefix);
    const notifierPort = await freePort();
    env = (service) => ({
      DATABASE_URL: iso.database(infra.postgresUrl, service),
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: iso.topicPrefix,
      SERVICE_TOKEN_SECRET: SECRET,
      LOG_LEVEL: 'info',
      REDIS_URL: infra.redisUrl,
      QUEUE_PREFIX: iso.queuePrefix,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      MAIL_FROM: 'Safeguard alerts <alerts@safeguard.example>',
      PUBLIC_URL: `http://127.0.0.1:${notifierPort}`,
      ACK_LINK_SECRET: 'e2e-ack-link-secret-at-least-32-characters',
    });
    for (const service of SERVICES) {
      const port = service === 'notifier' ? notifierPort : await freePort();
      procs.push(await new ServiceProcess(service, port, env(service), iso.id).start());
    }
    for (const service of ['intake', 'notifier']) {
      await run(process.execPath, [`services/${service}/dist/seed.js`], { env: { ...process.env, ...env(service) } });
    }
  });

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await sink.stop();
    for (const service of SERVICES) await dropDatabase(iso.database(infra.postgresUrl, service)).catch(() => undefined);
    await infra?.stop();
  });

  it('emails the home duty manager and the on-call manager with the reference and an ack link, never the name', async () => {
    const intake = procs[0]!;
    const token = signServiceToken(SECRET, { sub: 'care-worker-1', role: 'care-staff', scope: { kind: 'home', id: OAK_HOUSE } });
    const now = Date.now();
    const started = performance.now();
    const res = await fetch(`${intake.url}/api/v1/absences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `e2e-${iso.id}` },
      body: JSON.stringify({
        childId: AMINA,
        classification: 'M',
        lastSeen: { at: new Date(now - 40 * 60_000).toISOString(), where: 'Oak House lounge', by: 'night worker' },
        discoveredAt: new Date(now - 5 * 60_000).toISOString(),
        circumstances: ['contact-from-unknown-adults', 'took-belongings'],
        clothing: 'red coat',
      }),
    });
    expect(res.status).toBe(201);
    const { episodeId, reference } = (await res.json()) as { episodeId: string; reference: string };
    expect(reference).toMatch(/^MFC-\d{4}-\d{6}$/);

    const dutyManager = await eventually(() => {
      const [mail] = sink.to('priya.duty@demo-council.example');
      if (!mail) throw new Error('no email for the home duty manager yet');
      return mail;
    }, { timeoutMs: 30_000, intervalMs: 10 });
    const latencyMs = Math.round(performance.now() - started);
    console.log(`report → first alert email: ${latencyMs} ms (episode ${episodeId})`);

    const onCall = await eventually(() => {
      const [mail] = sink.to('grace.oncall@demo-council.example');
      if (!mail) throw new Error('no email for the on-call manager yet');
      return mail;
    });
    for (const mail of [dutyManager, onCall]) {
      expect(mail.subject).toContain(reference);
      expect(mail.subject).toContain('[HIGH]');
      expect(mail.text).toMatch(/\/ack\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
      for (const personal of ['Amina', 'Example', 'red coat', 'Oak House lounge']) {
        expect(mail.text).not.toContain(personal);
        expect(mail.html).not.toContain(personal);
        expect(mail.subject).not.toContain(personal);
      }
      expect(mail.messageId).toMatch(/@alerts\.safeguard\.local>$/);
    }

    // A retried submission returns the same episode and sends nothing new.
    const retry = await fetch(`${intake.url}/api/v1/absences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `e2e-${iso.id}` },
      body: JSON.stringify({
        childId: AMINA, classification: 'M', discoveredAt: new Date(now - 5 * 60_000).toISOString(),
        lastSeen: { at: new Date(now - 40 * 60_000).toISOString(), where: 'x', by: 'y' },
      }),
    });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { episodeId: string }).episodeId).toBe(episodeId);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(sink.to('priya.duty@demo-council.example')).toHaveLength(1);
    expect(sink.to('grace.oncall@demo-council.example')).toHaveLength(1);
  });
});
