import pg from 'pg';
import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { OutboxMessage } from '../outbox/outbox.entity.js';
import { ProcessedEvent } from '../inbox/inbox.entity.js';
import { PlatformTables1764000000000 } from './platform-migration.js';
import {
  PlatformQueueTablesVacuum1764000000004, PlatformRetentionIndexes1764000000005, PlatformTimerIdCollation1764000000003, PlatformTimerSettledAt1764000000006, PlatformTimers1764000000002,
} from './platform-timers-migration.js';
import { TimerRow } from '../timers/timer.entity.js';

type EntityClass = (new () => unknown) | EntitySchema;
type MigrationClass = new () => MigrationInterface;

export interface DatabaseSettings {
  url: string;
  entities: EntityClass[];
  migrations: MigrationClass[];
  poolSize?: number;
}

/** A service's DataSource: its own entities plus the outbox and inbox; migrations only, never synchronize. */
export function createDataSource(s: DatabaseSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: s.url,
    entities: [OutboxMessage, ProcessedEvent, TimerRow, ...s.entities],
    migrations: [PlatformTables1764000000000, PlatformTimers1764000000002, PlatformTimerIdCollation1764000000003, PlatformQueueTablesVacuum1764000000004,
      PlatformRetentionIndexes1764000000005, PlatformTimerSettledAt1764000000006, ...s.migrations],
    migrationsTableName: 'migrations',
    synchronize: false,
    // DB_POOL_SIZE (config.ts) in a service; 15 for tools and tests that open a database themselves.
    extra: { max: s.poolSize ?? 15 },
  });
}

/**
 * Initializes a DataSource and runs its pending migrations under a PostgreSQL advisory lock, so replicas starting
 * together migrate once. Seeds, services and tests all open their database this way.
 */
export async function openDatabase(s: DatabaseSettings): Promise<DataSource> {
  const ds = await createDataSource(s).initialize();
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(727071)');
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock(727071)').catch(() => undefined);
    await lock.release();
  }
  return ds;
}

/** Creates the database named in the URL if it does not exist yet (idempotent). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`database name must be [a-z0-9_]+, got ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
      if (error.code !== '42P04') throw error; // created meanwhile by a sibling process
    });
  } finally {
    await client.end();
  }
}

/** Drops a database (test isolation), closing any sessions left on it. */
export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * The SQL that would bring the schema in line with the entities after all migrations ran. Empty means entities and
 * migrations agree; anything else is drift (the CI gate fails on it).
 */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
