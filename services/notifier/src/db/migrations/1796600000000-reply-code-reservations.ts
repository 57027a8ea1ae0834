import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReplyCodeReservations1796600000000 implements MigrationInterface {
  name = 'ReplyCodeReservations1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "reply_code" ("address" text NOT NULL, "code" text NOT NULL, "delivery_id" uuid NOT NULL,
      "held_until" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_reply_code" PRIMARY KEY ("address", "code"))`);
    // The codes texts already carry stay held as before: until a day past each text's expiry (the newest text of a code
    // if an old one, long expired, had used it too).
    await q.query(`INSERT INTO "reply_code" ("address", "code", "delivery_id", "held_until")
      SELECT DISTINCT ON ("address", "reply_code") "address", "reply_code", "id", "expires_at" + interval '1 day' FROM "delivery"
       WHERE "reply_code" IS NOT NULL AND "address" IS NOT NULL AND "expires_at" > now() - interval '1 day'
       ORDER BY "address", "reply_code", "expires_at" DESC`);
  }

  async down(): Promise<void> {
    throw new Error('ReplyCodeReservations: restore from backup; schema changes are forward-only');
  }
}
