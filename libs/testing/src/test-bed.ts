import pg from 'pg';
import { dropDatabase, ensureTopics } from '@safeguard/platform';
import type { Audience, Signee } from '@safeguard/platform';
import { isolation, serviceEnv, TEST_PARTITIONS, testInfrastructure, TestTokens, type Infrastructure } from './infrastructure.js';
import { KafkaProbe } from './kafka-probe.js';

/**
 * One integration test file's slice of the real infrastructure: its own topics, databases and queues, a probe on
 * the broker, and direct database clients; `close` drops what it made.
 */
export class TestBed {
  private readonly clients: pg.Client[] = [];
  private readonly databases = new Set<string>();

  private constructor(
    readonly iso: ReturnType<typeof isolation>, readonly infra: Infrastructure, readonly probe: KafkaProbe, readonly tokens: TestTokens,
  ) {}

  /** `tokens` when the file signs tokens before the bed opens (at module level). */
  static async open(label: string, tokens?: TestTokens): Promise<TestBed> {
    const iso = isolation(label);
    const infra = await testInfrastructure();
    await ensureTopics(infra.kafkaBrokers, iso.topicPrefix, TEST_PARTITIONS);
    return new TestBed(iso, infra, new KafkaProbe(infra.kafkaBrokers, iso.topicPrefix), tokens ?? await TestTokens.create());
  }

  /** A service's environment in this isolation (its database is dropped on close). */
  env(service: string): Record<string, string> {
    this.databases.add(service);
    return serviceEnv(this.iso, this.infra, service, this.tokens);
  }

  /** A service token for `audience`, signed as the web console signs it for this person. */
  token(audience: Audience, who: Signee, lifetimeSeconds?: number): Promise<string> {
    return this.tokens.token(audience, who, lifetimeSeconds);
  }

  databaseUrl(service: string): string {
    return this.iso.database(this.infra.postgresUrl, service);
  }

  /** A connected client on a service's database, closed on close. */
  async client(service: string): Promise<pg.Client> {
    const db = new pg.Client({ connectionString: this.databaseUrl(service) });
    await db.connect();
    this.clients.push(db);
    return db;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.end().catch(() => undefined)));
    await this.probe.close();
    for (const s of this.databases) await dropDatabase(this.databaseUrl(s)).catch(() => undefined);
    await this.infra.stop();
  }
}
