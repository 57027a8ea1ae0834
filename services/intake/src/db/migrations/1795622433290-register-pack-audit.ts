import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegisterPackAudit1795622433290 implements MigrationInterface {
  name = 'RegisterPackAudit1795622433290';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"council\" (\"code\" text NOT NULL, \"name\" text NOT NULL, CONSTRAINT \"PK_e216ce07fd1f75b018ee6c8a691\" PRIMARY KEY (\"code\"))");
    await q.query("CREATE TABLE \"police_force\" (\"code\" text NOT NULL, \"name\" text NOT NULL, CONSTRAINT \"PK_8a7be49010f60292d54ae2aefd9\" PRIMARY KEY (\"code\"))");
    await q.query("CREATE TABLE \"information_pack\" (\"child_id\" uuid NOT NULL, \"part1\" jsonb NOT NULL, \"photo\" bytea, \"photo_type\" text, \"photo_taken_on\" date, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_by\" text NOT NULL, CONSTRAINT \"PK_4b6307079f258e28bce6a741741\" PRIMARY KEY (\"child_id\"))");
    await q.query("CREATE TABLE \"audit_log\" (\"id\" uuid NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"actor\" text NOT NULL, \"role\" text NOT NULL, \"action\" text NOT NULL, \"child_id\" uuid, \"episode_id\" uuid, CONSTRAINT \"PK_07fefa57f7f5ab8fc3f52b3ed0b\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"audit_child\" ON \"audit_log\"  (\"child_id\", \"at\") ");
    await q.query("ALTER TABLE \"child\" ADD \"legal_status\" text NOT NULL DEFAULT 'other'");
    await q.query("ALTER TABLE \"child\" ADD \"details\" jsonb NOT NULL DEFAULT '{}'");
    await q.query("ALTER TABLE \"absence\" ADD \"police_reference\" text");
    await q.query("ALTER TABLE \"absence\" ADD \"police_grade\" text");
    await q.query("ALTER TABLE \"absence\" ADD \"located_at\" TIMESTAMP WITH TIME ZONE");
    await q.query("ALTER TABLE \"absence\" ADD \"returned_at\" TIMESTAMP WITH TIME ZONE");
    await q.query("ALTER TABLE \"absence\" ADD \"return_details\" jsonb");
  }

  async down(): Promise<void> {
    throw new Error('RegisterPackAudit: restore from backup; schema changes are forward-only');
  }
}
