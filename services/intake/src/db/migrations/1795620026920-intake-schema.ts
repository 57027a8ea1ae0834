import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeSchema1795620026920 implements MigrationInterface {
  name = 'IntakeSchema1795620026920';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE SEQUENCE episode_reference_seq");
    await q.query("CREATE TABLE \"home\" (\"id\" uuid NOT NULL, \"name\" text NOT NULL, \"council_code\" text NOT NULL, \"police_force_code\" text NOT NULL, CONSTRAINT \"PK_012205783b51369c326a1ad4a64\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE TABLE \"child\" (\"id\" uuid NOT NULL, \"home_id\" uuid NOT NULL, \"given_name\" text NOT NULL, \"family_name\" text NOT NULL, \"date_of_birth\" date NOT NULL, \"placing_council\" text NOT NULL, \"host_council\" text NOT NULL, \"placement_start\" date NOT NULL, \"accommodation\" text NOT NULL, \"age_assessment\" text NOT NULL, \"trafficking_status\" text NOT NULL, \"trafficking_since\" date, \"uasc\" boolean NOT NULL, \"separated\" boolean NOT NULL, \"arrival_date\" date, \"concerns\" text array NOT NULL, \"profile_version\" integer NOT NULL, CONSTRAINT \"PK_4609b9b323ca37c6bc435ec4b6b\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"child_home\" ON \"child\"  (\"home_id\") ");
    await q.query("CREATE TABLE \"absence\" (\"episode_id\" uuid NOT NULL, \"reference\" text NOT NULL, \"child_id\" uuid NOT NULL, \"home_id\" uuid NOT NULL, \"state\" text NOT NULL, \"classification\" character(1) NOT NULL, \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_seen_where\" text NOT NULL, \"last_seen_by\" text NOT NULL, \"discovered_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"reported_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"reported_by\" text NOT NULL, \"circumstances\" text array NOT NULL, \"facts\" jsonb NOT NULL, CONSTRAINT \"UQ_6ca18e72477f5e9f48110181862\" UNIQUE (\"reference\"), CONSTRAINT \"PK_fed3320a03f66a53e21f2b12401\" PRIMARY KEY (\"episode_id\"))");
    await q.query("CREATE UNIQUE INDEX \"absence_one_open_per_child\" ON \"absence\"  (\"child_id\") WHERE state = 'open'");
    await q.query("CREATE TABLE \"idempotency_key\" (\"caller\" text NOT NULL, \"key\" text NOT NULL, \"episode_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_1482d923e254705fd82e4d392f6\" PRIMARY KEY (\"caller\", \"key\"))");
  }

  async down(): Promise<void> {
    throw new Error('IntakeSchema: restore from backup; schema changes are forward-only');
  }
}
