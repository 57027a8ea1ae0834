import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TextMessagesAndReceipts1796544338694 implements MigrationInterface {
  name = 'TextMessagesAndReceipts1796544338694';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"received_text\" (\"id\" uuid NOT NULL, \"outcome\" text NOT NULL, \"delivery_id\" uuid, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_67679fe873fb63de21fd4e7a68a\" PRIMARY KEY (\"id\"))");
    await q.query("ALTER TABLE \"delivery\" DROP COLUMN \"message_id\"");
    await q.query("ALTER TABLE \"person\" ADD \"mobile\" text");
    await q.query("ALTER TABLE \"delivery\" ADD \"failure\" text");
    await q.query("ALTER TABLE \"delivery\" ADD \"provider_id\" text");
    await q.query("ALTER TABLE \"delivery\" ADD \"reply_code\" text");
    // Links already sent were signed for 72 hours; "sent" email meant the SMTP server accepted it, which is now
    // "delivered" (confirmed by acceptance); a failure was a 5xx rejection or exhausted retries.
    await q.query("ALTER TABLE \"delivery\" ADD \"expires_at\" TIMESTAMP WITH TIME ZONE");
    await q.query("UPDATE \"delivery\" SET \"expires_at\" = \"created_at\" + interval '72 hours'");
    await q.query("ALTER TABLE \"delivery\" ALTER COLUMN \"expires_at\" SET NOT NULL");
    await q.query("ALTER TABLE \"delivery\" ADD \"delivered_at\" TIMESTAMP WITH TIME ZONE");
    await q.query("UPDATE \"delivery\" SET \"state\" = 'delivered', \"delivered_at\" = \"sent_at\" WHERE \"state\" = 'sent'");
    await q.query("UPDATE \"delivery\" SET \"failure\" = CASE WHEN \"last_error\" LIKE 'SMTP 5%' THEN 'permanent-failure' ELSE 'retries-exhausted' END WHERE \"state\" = 'failed'");
    await q.query("CREATE INDEX \"delivery_reply_code\" ON \"delivery\"  (\"recipient_id\", \"reply_code\") ");
    await q.query("CREATE INDEX \"delivery_provider\" ON \"delivery\"  (\"provider_id\") ");
  }

  async down(): Promise<void> {
    throw new Error('TextMessagesAndReceipts: restore from backup; schema changes are forward-only');
  }
}
