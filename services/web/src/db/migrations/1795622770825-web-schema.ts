import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebSchema1795622770825 implements MigrationInterface {
  name = 'WebSchema1795622770825';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"account\" (\"id\" uuid NOT NULL, \"username\" text NOT NULL, \"display_name\" text NOT NULL, \"password_hash\" text NOT NULL, \"role\" text NOT NULL, \"scope_kind\" text NOT NULL, \"scope_id\" text NOT NULL, \"failed_attempts\" integer NOT NULL DEFAULT '0', \"locked_until\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"UQ_41dfcb70af895ddf9a53094515b\" UNIQUE (\"username\"), CONSTRAINT \"PK_54115ee388cdb6d86bb4bf5b2ea\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE TABLE \"session\" (\"id\" text NOT NULL, \"account_id\" uuid NOT NULL, \"csrf_token\" text NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_f55da76ac1c3ac420f444d2ff11\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"session_account\" ON \"session\"  (\"account_id\") ");
  }

  async down(): Promise<void> {
    throw new Error('WebSchema: restore from backup; schema changes are forward-only');
  }
}
