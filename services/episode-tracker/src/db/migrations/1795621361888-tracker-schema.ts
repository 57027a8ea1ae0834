import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackerSchema1795621361888 implements MigrationInterface {
  name = 'TrackerSchema1795621361888';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"episode\" (\"id\" uuid NOT NULL, \"reference\" text NOT NULL, \"child_id\" uuid NOT NULL, \"home_id\" uuid NOT NULL, \"placing_council\" text NOT NULL, \"police_force\" text NOT NULL, \"classification\" character(1) NOT NULL, \"state\" text NOT NULL, \"level\" text, \"ladder\" text, \"trafficked\" boolean NOT NULL DEFAULT false, \"uasc_or_separated\" boolean NOT NULL DEFAULT false, \"police_reference\" text, \"factors\" jsonb NOT NULL DEFAULT '[]', \"overrides\" text array NOT NULL DEFAULT '{}', \"policy\" jsonb, \"discovered_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"opened_at\" TIMESTAMP WITH TIME ZONE, \"returned_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"UQ_a018df959dd48064c4b10677fa5\" UNIQUE (\"reference\"), CONSTRAINT \"PK_7258b95d6d2bf7f621845a0e143\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"episode_child\" ON \"episode\"  (\"child_id\", \"discovered_at\") ");
    await q.query("CREATE INDEX \"episode_state\" ON \"episode\"  (\"state\") ");
    await q.query("CREATE TABLE \"alert\" (\"id\" uuid NOT NULL, \"episode_id\" uuid NOT NULL, \"origin_alert_id\" uuid NOT NULL, \"rung_key\" text NOT NULL, \"role\" text NOT NULL, \"scope_kind\" text NOT NULL, \"scope_id\" text NOT NULL, \"ask\" text NOT NULL, \"level\" text NOT NULL, \"attempt\" integer NOT NULL, \"requested_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"ack_deadline\" TIMESTAMP WITH TIME ZONE, \"acknowledged_at\" TIMESTAMP WITH TIME ZONE, \"acknowledged_by\" text, \"police_reference\" text, \"delivery_state\" text NOT NULL DEFAULT 'requested', \"delivered_count\" integer NOT NULL DEFAULT '0', \"escalated_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_ad91cad659a3536465d564a4b2f\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"alert_episode\" ON \"alert\"  (\"episode_id\") ");
    await q.query("CREATE TABLE \"rung_fired\" (\"episode_id\" uuid NOT NULL, \"rung_key\" text NOT NULL, \"fired_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_0ccc26adac3004168b10ccce127\" PRIMARY KEY (\"episode_id\", \"rung_key\"))");
    await q.query("CREATE TABLE \"task\" (\"id\" uuid NOT NULL, \"episode_id\" uuid NOT NULL, \"child_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"state\" text NOT NULL, \"due_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"hard_due_at\" TIMESTAMP WITH TIME ZONE, \"invitees\" text array NOT NULL DEFAULT '{}', \"outcome\" text, \"attempts\" integer NOT NULL DEFAULT '0', \"refused\" boolean NOT NULL DEFAULT false, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"completed_at\" TIMESTAMP WITH TIME ZONE, \"completed_by\" text, \"breached_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_fb213f79ee45060ba925ecd576e\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"task_episode\" ON \"task\"  (\"episode_id\") ");
    await q.query("CREATE INDEX \"task_open_due\" ON \"task\"  (\"due_at\") WHERE state = 'open'");
    await q.query("CREATE TABLE \"timeline_entry\" (\"id\" uuid NOT NULL, \"episode_id\" uuid NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"what\" text NOT NULL, \"who\" text NOT NULL, \"why\" text NOT NULL, CONSTRAINT \"PK_61a61c7f75f9c69d73d7a2fd666\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"timeline_episode\" ON \"timeline_entry\"  (\"episode_id\", \"at\") ");
  }

  async down(): Promise<void> {
    throw new Error('TrackerSchema: restore from backup; schema changes are forward-only');
  }
}
