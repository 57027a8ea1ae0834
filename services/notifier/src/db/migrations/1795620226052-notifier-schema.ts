import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotifierSchema1795620226052 implements MigrationInterface {
  name = 'NotifierSchema1795620226052';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"person\" (\"id\" uuid NOT NULL, \"name\" text NOT NULL, \"email\" text NOT NULL, \"role\" text NOT NULL, \"scope_kind\" text NOT NULL, \"scope_id\" text NOT NULL, \"active\" boolean NOT NULL DEFAULT true, CONSTRAINT \"PK_5fdaf670315c4b7e70cce85daa3\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"person_role_scope\" ON \"person\"  (\"role\", \"scope_kind\", \"scope_id\") ");
    await q.query("CREATE TABLE \"alert\" (\"id\" uuid NOT NULL, \"episode_id\" uuid NOT NULL, \"child_id\" uuid NOT NULL, \"request\" jsonb NOT NULL, CONSTRAINT \"PK_ad91cad659a3536465d564a4b2f\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE TABLE \"delivery\" (\"id\" uuid NOT NULL, \"alert_id\" uuid NOT NULL, \"recipient_id\" uuid NOT NULL, \"channel\" text NOT NULL, \"state\" text NOT NULL, \"attempts\" integer NOT NULL DEFAULT '0', \"message_id\" text NOT NULL, \"last_error\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"sent_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"delivery_once\" UNIQUE (\"alert_id\", \"recipient_id\", \"channel\"), CONSTRAINT \"PK_ffad7bf84e68716cd9af89003b0\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"delivery_pending\" ON \"delivery\"  (\"state\") ");
  }

  async down(): Promise<void> {
    throw new Error('NotifierSchema: restore from backup; schema changes are forward-only');
  }
}
