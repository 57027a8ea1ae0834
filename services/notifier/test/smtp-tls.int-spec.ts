import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, SmtpSink } from '@safeguard/testing';
import { PermanentDeliveryError } from '../src/channels/channel.js';
import { CHANNEL_DRIVERS, type DriverSettings } from '../src/channels/registry.js';
import { NotifierConfigSchema } from '../src/config.js';

/** A private CA and a mail server certificate for 127.0.0.1, made here with openssl. */
function makeCertificates(dir: string) {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', '-new', ...ec, '-days', '2', '-subj', '/CN=Test mail CA', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign', '-keyout', 'ca.key', '-out', 'ca.pem');
  openssl('req', '-new', ...ec, '-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2',
    '-extfile', 'server.ext', '-out', 'server.crt');
  return { caFile: join(dir, 'ca.pem'), key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.crt')) };
}

/** The smtp driver as the registry makes it from configuration. */
describe('the smtp driver over TLS, against a real SMTP server in the test', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-tls-'));
  const { caFile, key, cert } = makeCertificates(dir);
  const starttls = new SmtpSink({ tls: { key, cert } });
  const implicit = new SmtpSink({ tls: { key, cert }, implicitTls: true });
  const clear = new SmtpSink();
  const drivers: { close(): Promise<void> }[] = [];

  const driver = (port: number, settings: Partial<DriverSettings>) => {
    const d = CHANNEL_DRIVERS.smtp.create({
      SMTP_HOST: '127.0.0.1', SMTP_PORT: port, SMTP_SECURE: false, SMTP_REQUIRE_TLS: false, MAIL_FROM: 'alerts@safeguard.example',
      NOTIFY_BASE_URL: 'http://127.0.0.1:1', NOTIFY_TIMEOUT_MS: 1_000, ...settings,
    });
    drivers.push(d);
    return d;
  };
  const message = (to: string) => ({
    channel: 'email' as const, to, reference: to.split('@')[0]!, subject: 'Missing child MFC-2026-000001', text: 'Please acknowledge.', html: '<p>Please acknowledge.</p>',
  });
  /** The sink keeps a message once it has parsed it, just after accepting it. */
  const arrived = async (sink: SmtpSink, to: string) => {
    for (let i = 0; i < 50 && sink.to(to).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    return sink.to(to);
  };
  const outcome = (p: Promise<unknown>) => p.then(() => 'sent', (e: Error) => `${e instanceof PermanentDeliveryError ? 'permanent' : 'retry'}: ${e.message}`);

  beforeAll(async () => {
    await Promise.all([starttls.start(), implicit.start(), clear.start()]);
  });

  afterAll(async () => {
    await Promise.all(drivers.map((d) => d.close()));
    await Promise.all([starttls.stop(), implicit.stop(), clear.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('with SMTP_REQUIRE_TLS sends over STARTTLS to a server whose certificate the CA file vouches for', async () => {
    expect(await outcome(driver(starttls.port, { SMTP_REQUIRE_TLS: true, SMTP_CA_FILE: caFile }).send(message('starttls@example.org')))).toBe('sent');
    expect((await arrived(starttls, 'starttls@example.org')).map((m) => m.tls)).toEqual([true]);
  });

  it('with SMTP_REQUIRE_TLS refuses a server that offers no STARTTLS: nothing is sent in clear, and the email fails at once', async () => {
    expect(await outcome(driver(clear.port, { SMTP_REQUIRE_TLS: true, SMTP_CA_FILE: caFile }).send(message('refused@example.org'))))
      .toBe('permanent: SMTP TLS refused (no STARTTLS)');
    // The same server takes a message from a driver allowed to send in clear, so the refusal was the driver's.
    expect(await outcome(driver(clear.port, {}).send(message('plain@example.org')))).toBe('sent');
    expect((await arrived(clear, 'plain@example.org')).map((m) => m.tls)).toEqual([false]);
    expect(clear.to('refused@example.org')).toEqual([]);
  });

  it('with SMTP_REQUIRE_TLS refuses a server whose certificate is not trusted (no CA file, a private CA)', async () => {
    expect(await outcome(driver(starttls.port, { SMTP_REQUIRE_TLS: true }).send(message('untrusted@example.org'))))
      .toBe('permanent: SMTP TLS refused (UNABLE_TO_VERIFY_LEAF_SIGNATURE)');
    expect(starttls.to('untrusted@example.org')).toEqual([]);
  });

  it('with SMTP_SECURE speaks TLS from the first byte (implicit TLS) and refuses a server that does not', async () => {
    expect(await outcome(driver(implicit.port, { SMTP_SECURE: true, SMTP_CA_FILE: caFile }).send(message('implicit@example.org')))).toBe('sent');
    expect((await arrived(implicit, 'implicit@example.org')).map((m) => m.tls)).toEqual([true]);
    expect(await outcome(driver(clear.port, { SMTP_SECURE: true, SMTP_CA_FILE: caFile }).send(message('clear@example.org'))))
      .toBe('permanent: SMTP TLS refused (ERR_SSL_WRONG_VERSION_NUMBER)');
  });

  it('a mail server that is down is still retried, not failed at once', async () => {
    expect(await outcome(driver(await freePort(), { SMTP_REQUIRE_TLS: true }).send(message('later@example.org')))).toBe('retry: SMTP ESOCKET');
  });
});

describe('SMTP transport settings', () => {
  /** A whole production environment, so the rules between settings run (they wait for every setting to parse). */
  const base = {
    NODE_ENV: 'production', SERVICE_NAME: 'notifier', PORT: '3004', DATABASE_URL: 'postgres://notifier@db.internal/notifier',
    KAFKA_BROKERS: 'kafka.internal:9093', REDIS_URL: 'rediss://redis.internal:6380', PUBLIC_URL: 'https://alerts.council.example',
    SERVICE_TOKEN_PUBLIC_KEYS: JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', kid: 'web-1' }] }),
    ACK_LINK_SECRET: 'an-ack-link-secret-for-this-test-only-0001', EMAIL_CHANNEL: 'smtp', SMS_CHANNEL: 'notify-sms',
    NOTIFY_API_KEY: 'test-00000000-0000-4000-8000-000000000001-00000000-0000-4000-8000-000000000002',
    NOTIFY_SMS_TEMPLATE_ID: '00000000-0000-4000-8000-000000000003', NOTIFY_CALLBACK_TOKEN: 'a-notify-callback-token-for-this-test-0001',
    SMTP_HOST: 'mail.council.example', SMTP_PORT: '587', MAIL_FROM: 'alerts@council.example',
  };
  const problems = (env: Record<string, string>) =>
    (NotifierConfigSchema.safeParse(env).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

  it('in production refuse mail in clear unless TLS is required, implicit, or a local relay is explicitly allowed', () => {
    expect(problems(base)).toEqual([
      'SMTP_REQUIRE_TLS: mail may go in clear: in production set SMTP_REQUIRE_TLS=true (STARTTLS) or SMTP_SECURE=true (implicit TLS), or SMTP_ALLOW_PLAIN_LOCAL_RELAY=true for a relay on this host',
    ]);
    expect(problems({ ...base, SMTP_REQUIRE_TLS: 'true' })).toEqual([]);
    expect(problems({ ...base, SMTP_SECURE: 'true', SMTP_PORT: '465' })).toEqual([]);
    expect(problems({ ...base, SMTP_HOST: '127.0.0.1', SMTP_ALLOW_PLAIN_LOCAL_RELAY: 'true' })).toEqual([]);
    expect(problems({ ...base, NODE_ENV: 'development' })).toEqual([]);
  });

  it('accept the whole production environment once mail goes over TLS (so the refusal above is about TLS alone)', () => {
    expect(problems({ ...base, SMTP_REQUIRE_TLS: 'true' })).toEqual([]);
  });

  it('refuse a CA file that is not there', () => {
    expect(problems({ ...base, SMTP_REQUIRE_TLS: 'true', SMTP_CA_FILE: '/nonexistent/ca.pem' })).toEqual(['SMTP_CA_FILE: no readable file at this path']);
  });
});
