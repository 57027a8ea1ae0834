import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RotaAndAcknowledgements1795621570415 implements MigrationInterface {
  name = 'RotaAndAcknowledgements1795621570415';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"rota_shift\" (\"id\" uuid NOT NULL, \"person_id\" uuid NOT NULL, \"role\" text NOT NULL, \"scope_kind\" text NOT NULL, \"scope_id\" text NOT NULL, \"starts_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"ends_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_1717ccf3acc82f9d26742a00c26\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"rota_lookup\" ON \"rota_shift\"  (\"role\", \"scope_kind\", \"scope_id\", \"starts_at\") ");
    await q.query("ALTER TABLE \"person\" ADD \"default_holder\" boolean NOT NULL DEFAULT false");
    await q.query("ALTER TABLE \"delivery\" ADD \"acknowledged_at\" TIMESTAMP WITH TIME ZONE");
  }

  async down(): Promise<void> {
    throw new Error('RotaAndAcknowledgements: restore from backup; schema changes are forward-only');
  }
}
