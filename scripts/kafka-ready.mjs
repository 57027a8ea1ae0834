// Exits 0 once the broker answers an admin describeCluster, 1 after the timeout (seconds). Used by infra/kafka/kafka.sh.
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';

const [brokers = '127.0.0.1:9092', seconds = '60'] = process.argv.slice(2);
const deadline = Date.now() + Number(seconds) * 1000;
// A SASL_SSL broker (kafka.sh start-secure) is reached with the services' own variables (docs/security.md).
const env = process.env;
const ssl = env.KAFKA_SSL === 'true' ? (env.KAFKA_SSL_CA_FILE ? { ca: [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')] } : true) : undefined;
const sasl = env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_MECHANISM !== 'none'
  ? { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD } : undefined;
const kafka = new Kafka({ clientId: 'kafka-ready', brokers: brokers.split(','), logLevel: logLevel.NOTHING,
  retry: { retries: 0 }, ssl, sasl });
while (Date.now() < deadline) {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const { brokers: members, controller } = await admin.describeCluster();
    console.log(`kafka: cluster answers (${members.length} broker, controller ${controller})`);
    process.exit(0);
  } catch {
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
process.exit(1);
