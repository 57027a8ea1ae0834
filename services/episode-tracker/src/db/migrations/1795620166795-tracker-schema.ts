import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackerSchema1795620166795 implements MigrationInterface {
  name = 'TrackerSchema1795620166795';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"episode\" (\"id\" uuid NOT NULL, \"reference\" text NOT NULL, \"child_id\" uuid NOT NULL, \"home_id\" uuid NOT NULL, \"placing_council\" text NOT NULL, \"police_force\" text NOT NULL, \"classification\" character(1) NOT NULL, \"state\" text NOT NULL, \"level\" text, \"ladder\" character(1), \"discovered_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"opened_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"UQ_a018df959dd48064c4b10677fa5\" UNIQUE (\"reference\"), CONSTRAINT \"PK_7258b95d6d2bf7f621845a0e143\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"episode_state\" ON \"episode\"  (\"state\") ");
    await q.query("CREATE TABLE \"alert\" (\"id\" uuid NOT NULL, \"episode_id\" uuid NOT NULL, \"role\" text NOT NULL, \"scope_kind\" text NOT NULL, \"scope_id\" text NOT NULL, \"rung\" integer NOT NULL, \"ask\" text NOT NULL, \"level\" text NOT NULL, \"attempt\" integer NOT NULL, \"requested_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"ack_deadline\" TIMESTAMP WITH TIME ZONE, \"acknowledged_at\" TIMESTAMP WITH TIME ZONE, \"acknowledged_by\" text, \"police_reference\" text, CONSTRAINT \"PK_ad91cad659a3536465d564a4b2f\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"alert_episode\" ON \"alert\"  (\"episode_id\") ");
    await q.query("CREATE TABLE \"timeline_entry\" (\"id\" uuid NOT NULL, \"episode_id\" uuid NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"what\" text NOT NULL, \"who\" text NOT NULL, \"why\" text NOT NULL, CONSTRAINT \"PK_61a61c7f75f9c69d73d7a2fd666\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"timeline_episode\" ON \"timeline_entry\"  (\"episode_id\", \"at\") ");
  }

  async down(): Promise<void> {
    throw new Error('TrackerSchema: restore from backup; schema changes are forward-only');
  }
}
