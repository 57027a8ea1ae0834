import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryAddressAndReplyGuard1796548628800 implements MigrationInterface {
  name = 'DeliveryAddressAndReplyGuard1796548628800';

  async up(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX \"public\".\"delivery_reply_code\"");
    await q.query("ALTER TABLE \"delivery\" ADD \"address\" text");
    // Deliveries already made went to the person's address of the time, which is still the best we know.
    await q.query("UPDATE \"delivery\" d SET \"address\" = CASE WHEN d.\"channel\" = 'sms' THEN p.\"mobile\" ELSE p.\"email\" END FROM \"person\" p WHERE p.\"id\" = d.\"recipient_id\"");
    await q.query("ALTER TABLE \"received_text\" ADD \"source\" text");
    await q.query("CREATE INDEX \"delivery_reply_code\" ON \"delivery\"  (\"address\", \"reply_code\") ");
    await q.query("CREATE INDEX \"received_text_source\" ON \"received_text\"  (\"source\", \"received_at\") ");
  }

  async down(): Promise<void> {
    throw new Error('DeliveryAddressAndReplyGuard: restore from backup; schema changes are forward-only');
  }
}
