import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The durable timer table (see timers/durable-timers.ts). */
export class PlatformTimers1764000000002 implements MigrationInterface {
  name = 'PlatformTimers1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "timer" ("id" text NOT NULL, "kind" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "payload" jsonb NOT NULL, "state" text NOT NULL, "token" uuid NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_timer" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "timer_pending_due" ON "timer" ("due_at") WHERE state = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "timer"');
  }
}

/**
 * Timers are cancelled by id prefix (`rung:<episode>:`); under the database's default collation LIKE 'prefix%' cannot
 * use the primary key and scanned the whole table on every return. Byte order lets it use the index.
 */
export class PlatformTimerIdCollation1764000000003 implements MigrationInterface {
  name = 'PlatformTimerIdCollation1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "timer" ALTER COLUMN "id" TYPE text COLLATE "C"');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "timer" ALTER COLUMN "id" TYPE text COLLATE "default"');
  }
}

/**
 * The outbox and the timers are queue tables: every row is inserted, then updated once (published, fired). Vacuum
 * them after a fixed number of changes rather than a share of the table, so the partial indexes the relay and the
 * reconciler read stay free of dead entries under steady load (and always clean the indexes: PostgreSQL would skip
 * them when few heap pages have dead rows, which is exactly a queue table's case).
 */
export class PlatformQueueTablesVacuum1764000000004 implements MigrationInterface {
  name = 'PlatformQueueTablesVacuum1764000000004';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'timer']) {
      await q.query(`ALTER TABLE "${table}" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
        autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000, autovacuum_vacuum_cost_delay = 0,
        vacuum_index_cleanup = on)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'timer']) await q.query(`ALTER TABLE "${table}" RESET (autovacuum_vacuum_scale_factor,
      autovacuum_vacuum_threshold, autovacuum_analyze_scale_factor, autovacuum_analyze_threshold, autovacuum_vacuum_cost_delay,
      vacuum_index_cleanup)`);
  }
}

/** Retention (retention.ts) deletes by age: inbox claims by when they were applied, settled timers by when they settled. */
export class PlatformRetentionIndexes1764000000005 implements MigrationInterface {
  name = 'PlatformRetentionIndexes1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX "inbox_processed_at" ON "inbox" ("processed_at")');
    await q.query(`CREATE INDEX "timer_settled" ON "timer" ((coalesce(fired_at, due_at))) WHERE state <> 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "timer_settled"');
    await q.query('DROP INDEX "inbox_processed_at"');
  }
}

/**
 * A timer settles when it fires or is cancelled. Retention once aged a cancelled timer from its due time, so a return
 * left the ladder's steps booked days ahead for days; the settled time makes every settled row go one window after.
 */
export class PlatformTimerSettledAt1764000000006 implements MigrationInterface {
  name = 'PlatformTimerSettledAt1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "timer" ADD "settled_at" TIMESTAMP WITH TIME ZONE');
    await q.query(`UPDATE "timer" SET "settled_at" = coalesce(fired_at, least(due_at, now())) WHERE state <> 'pending'`);
    await q.query('DROP INDEX "timer_settled"');
    // A replica still on the earlier code settles a timer without the time; such a row is aged as it was before.
    await q.query(`CREATE INDEX "timer_settled" ON "timer" ((coalesce(settled_at, fired_at, due_at))) WHERE state <> 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "timer_settled"');
    await q.query(`CREATE INDEX "timer_settled" ON "timer" ((coalesce(fired_at, due_at))) WHERE state <> 'pending'`);
    await q.query('ALTER TABLE "timer" DROP COLUMN "settled_at"');
  }
}
