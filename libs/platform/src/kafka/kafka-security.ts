import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import { z } from 'zod';

/**
 * How a service reaches the broker: TLS (KAFKA_SSL, with a private CA or the system's), and SASL/SCRAM credentials.
 * Merged into BaseConfigSchema; the rules between the variables are `kafkaSecurityProblems`, checked when a client is
 * made (at start). Kept free of other platform imports: config.ts imports this file.
 */
export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'none'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

/**
 * A setting naming a CA file (PEM) that exists now: a missing CA would otherwise only show as a refused connection
 * later. Also used for other TLS clients' CA settings (the notifier's SMTP_CA_FILE).
 */
export const PemCertificateFile = z.string().min(1).superRefine((path, ctx) => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    ctx.addIssue({ code: 'custom', message: 'no readable file at this path' });
    return;
  }
  if (!text.includes(PEM_CERTIFICATE)) ctx.addIssue({ code: 'custom', message: 'not a PEM certificate file' });
});

export const KafkaSecurityFields = {
  /** TLS to the broker. Without KAFKA_SSL_CA_FILE the broker's certificate must chain to a system CA. */
  KAFKA_SSL: z.stringbool().default(false),
  /** The CA (PEM, one or more certificates: during a rotation, the old and the new) that signs the broker's certificate. */
  KAFKA_SSL_CA_FILE: PemCertificateFile.optional(),
  KAFKA_SASL_MECHANISM: z.enum(KAFKA_SASL_MECHANISMS).default('none'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** Never logged; production refuses a short one (secrets.ts). */
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
};

export interface KafkaSecuritySettings {
  NODE_ENV?: 'development' | 'test' | 'production';
  KAFKA_SSL: boolean;
  KAFKA_SSL_CA_FILE?: string;
  KAFKA_SASL_MECHANISM: KafkaSaslMechanism;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
}

/** The settings that connect without TLS or SASL (the local broker, tests). */
export const PLAINTEXT: KafkaSecuritySettings = { KAFKA_SSL: false, KAFKA_SASL_MECHANISM: 'none' };

/** What is wrong between the variables, each naming the variable to change (never a value). */
export function kafkaSecurityProblems(s: KafkaSecuritySettings): string[] {
  const problems: string[] = [];
  const sasl = s.KAFKA_SASL_MECHANISM !== 'none';
  const user = s.KAFKA_SASL_USERNAME !== undefined;
  const password = s.KAFKA_SASL_PASSWORD !== undefined;
  if (sasl && !user) problems.push(`KAFKA_SASL_USERNAME: required when KAFKA_SASL_MECHANISM=${s.KAFKA_SASL_MECHANISM}`);
  if (sasl && !password) problems.push(`KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM=${s.KAFKA_SASL_MECHANISM}`);
  if (!sasl && (user || password)) {
    problems.push('KAFKA_SASL_MECHANISM: credentials are set but the mechanism is none, so they would never be sent');
  }
  // SCRAM never sends the password itself, but without TLS every event (and the session) crosses the network in clear.
  if (sasl && !s.KAFKA_SSL && s.NODE_ENV === 'production') {
    problems.push('KAFKA_SSL: SASL without TLS is refused in production; set KAFKA_SSL=true');
  }
  if (s.KAFKA_SSL_CA_FILE !== undefined && !s.KAFKA_SSL) {
    problems.push('KAFKA_SSL_CA_FILE: set KAFKA_SSL=true, or the CA is never used');
  }
  return problems;
}

/** kafkajs's `ssl` and `sasl` options. The CA file is read here, once: a new CA takes a restart. */
export function kafkaConnectionOptions(s: KafkaSecuritySettings): { ssl?: ConnectionOptions; sasl?: SASLOptions } {
  const ssl: ConnectionOptions | undefined = !s.KAFKA_SSL ? undefined : {
    minVersion: 'TLSv1.2',
    // No CA file: Node's bundled CAs, as for any TLS client; the broker's name is always checked.
    ...(s.KAFKA_SSL_CA_FILE ? { ca: [readFileSync(s.KAFKA_SSL_CA_FILE, 'utf8')] } : {}),
  };
  const sasl: SASLOptions | undefined = s.KAFKA_SASL_MECHANISM === 'none' ? undefined
    : { mechanism: s.KAFKA_SASL_MECHANISM, username: s.KAFKA_SASL_USERNAME!, password: s.KAFKA_SASL_PASSWORD! };
  return { ssl, sasl };
}
