import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions stored by the SHA-256 of their id, with idle and absolute expiry; throttling instead of lockout. Sessions
 * live at the upgrade stay valid (their ids are hashed in place, and they count as seen now).
 */
export class FrontDoorSessions1796554818695 implements MigrationInterface {
  name = 'FrontDoorSessions1796554818695';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE "sign_in_failure" ("key" text NOT NULL, "count" integer NOT NULL, "last_at" TIMESTAMP WITH TIME ZONE, "not_before" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a75120052a7a4ce2ec7152681d2" PRIMARY KEY ("key"))');
    await q.query('ALTER TABLE "account" DROP COLUMN "failed_attempts"');
    await q.query('ALTER TABLE "account" DROP COLUMN "locked_until"');
    await q.query('DELETE FROM "session" WHERE "expires_at" <= now()');
    await q.query('ALTER TABLE "session" DROP CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11"');
    await q.query('ALTER TABLE "session" RENAME COLUMN "id" TO "id_hash"');
    await q.query("UPDATE \"session\" SET \"id_hash\" = encode(sha256(convert_to(\"id_hash\", 'UTF8')), 'hex')");
    await q.query('ALTER TABLE "session" ADD CONSTRAINT "PK_e9476905e96fde31ad0ba43b1d3" PRIMARY KEY ("id_hash")');
    await q.query('ALTER TABLE "session" ADD "created_at" TIMESTAMP WITH TIME ZONE');
    await q.query('ALTER TABLE "session" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE');
    // The old sessions lasted 12 hours from signing in.
    await q.query(`UPDATE "session" SET "created_at" = "expires_at" - interval '12 hours', "last_seen_at" = now()`);
    await q.query('ALTER TABLE "session" ALTER COLUMN "created_at" SET NOT NULL');
    await q.query('ALTER TABLE "session" ALTER COLUMN "last_seen_at" SET NOT NULL');
  }

  async down(): Promise<void> {
    throw new Error('FrontDoorSessions: restore from backup; schema changes are forward-only');
  }
}
