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
