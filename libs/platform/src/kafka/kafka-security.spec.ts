import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaseConfigSchema, ConfigError } from '../config.js';
import { createKafka, kafkaSecurityFromEnv } from './client.js';
import { kafkaConnectionOptions, kafkaSecurityProblems, type KafkaSecuritySettings } from './kafka-security.js';

const dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
const caFile = join(dir, 'ca.pem');
// Any PEM certificate block will do here: the file's content is only checked for its form, and read verbatim.
const pem = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
writeFileSync(caFile, pem);
const notPem = join(dir, 'key.txt');
writeFileSync(notPem, 'not a certificate');

const PASSWORD = 'a-scram-password-that-must-never-be-shown-0123456789';
const secure: KafkaSecuritySettings = {
  NODE_ENV: 'production', KAFKA_SSL: true, KAFKA_SSL_CA_FILE: caFile,
  KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'safeguard', KAFKA_SASL_PASSWORD: PASSWORD,
};

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('Kafka transport security settings', () => {
  it('are part of every service\'s configuration, plaintext by default', () => {
    const fields = BaseConfigSchema.pick({
      KAFKA_SSL: true, KAFKA_SSL_CA_FILE: true, KAFKA_SASL_MECHANISM: true, KAFKA_SASL_USERNAME: true, KAFKA_SASL_PASSWORD: true,
    });
    expect(fields.parse({})).toEqual({ KAFKA_SSL: false, KAFKA_SASL_MECHANISM: 'none' });
    expect(fields.parse({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: caFile, KAFKA_SASL_MECHANISM: 'scram-sha-256' }))
      .toMatchObject({ KAFKA_SSL: true, KAFKA_SSL_CA_FILE: caFile, KAFKA_SASL_MECHANISM: 'scram-sha-256' });
  });

  it('accept SASL_SSL with both credentials in production', () => {
    expect(kafkaSecurityProblems(secure)).toEqual([]);
    expect(kafkaSecurityProblems({ ...secure, KAFKA_SSL_CA_FILE: undefined })).toEqual([]);
  });

  it('refuse SASL without TLS in production, and allow it in development for a local broker', () => {
    expect(kafkaSecurityProblems({ ...secure, KAFKA_SSL: false, KAFKA_SSL_CA_FILE: undefined }))
      .toEqual(['KAFKA_SSL: SASL without TLS is refused in production; set KAFKA_SSL=true']);
    expect(kafkaSecurityProblems({ ...secure, NODE_ENV: 'development', KAFKA_SSL: false, KAFKA_SSL_CA_FILE: undefined })).toEqual([]);
  });

  it('require the username and the password together, and a mechanism to send them with', () => {
    expect(kafkaSecurityProblems({ ...secure, KAFKA_SASL_PASSWORD: undefined }))
      .toEqual(['KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM=scram-sha-512']);
    expect(kafkaSecurityProblems({ ...secure, KAFKA_SASL_USERNAME: undefined }))
      .toEqual(['KAFKA_SASL_USERNAME: required when KAFKA_SASL_MECHANISM=scram-sha-512']);
    expect(kafkaSecurityProblems({ ...secure, KAFKA_SASL_MECHANISM: 'none' }))
      .toEqual(['KAFKA_SASL_MECHANISM: credentials are set but the mechanism is none, so they would never be sent']);
  });

  it('refuse a CA file that is missing, is not a PEM certificate, or is set without TLS', () => {
    const env = { KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'none' };
    expect(refusal(() => kafkaSecurityFromEnv({ ...env, KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') })))
      .toBe('invalid configuration: KAFKA_SSL_CA_FILE: no readable file at this path');
    expect(refusal(() => kafkaSecurityFromEnv({ ...env, KAFKA_SSL_CA_FILE: notPem })))
      .toBe('invalid configuration: KAFKA_SSL_CA_FILE: not a PEM certificate file');
    expect(refusal(() => kafkaSecurityFromEnv({ KAFKA_SSL_CA_FILE: caFile })))
      .toBe('invalid configuration: KAFKA_SSL_CA_FILE: set KAFKA_SSL=true, or the CA is never used');
  });

  it('refuse an unknown mechanism, naming the variable', () => {
    expect(refusal(() => kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'plain' }))).toMatch(/^invalid configuration: KAFKA_SASL_MECHANISM: /);
  });

  it('stop a client being made from settings that do not fit, without showing the password', () => {
    const message = refusal(() => createKafka({ brokers: ['127.0.0.1:9094'], clientId: 't', security: { ...secure, KAFKA_SSL: false, KAFKA_SSL_CA_FILE: undefined } }));
    expect(message).toContain('KAFKA_SSL');
    expect(message).not.toContain(PASSWORD);
    expect(refusal(() => kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_PASSWORD: PASSWORD }))).not.toContain(PASSWORD);
  });

  it('become kafkajs options: the CA read from its file, TLS 1.2 at least, SCRAM with the credentials', () => {
    expect(kafkaConnectionOptions(secure)).toEqual({
      ssl: { minVersion: 'TLSv1.2', ca: [pem] },
      sasl: { mechanism: 'scram-sha-512', username: 'safeguard', password: PASSWORD },
    });
    expect(kafkaConnectionOptions({ KAFKA_SSL: true, KAFKA_SASL_MECHANISM: 'none' })).toEqual({ ssl: { minVersion: 'TLSv1.2' }, sasl: undefined });
    expect(kafkaConnectionOptions({ KAFKA_SSL: false, KAFKA_SASL_MECHANISM: 'none' })).toEqual({ ssl: undefined, sasl: undefined });
  });
});
