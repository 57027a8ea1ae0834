import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RiskSchema1795621026818 implements MigrationInterface {
  name = 'RiskSchema1795621026818';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"child_profile\" (\"child_id\" uuid NOT NULL, \"profile_version\" integer NOT NULL, \"profile\" jsonb NOT NULL, \"event_id\" uuid NOT NULL, CONSTRAINT \"PK_7b4b852d75b0deeca96fc1e22ae\" PRIMARY KEY (\"child_id\"))");
    await q.query("CREATE TABLE \"episode\" (\"episode_id\" uuid NOT NULL, \"child_id\" uuid NOT NULL, \"home_id\" uuid NOT NULL, \"placing_council\" text NOT NULL, \"police_force\" text NOT NULL, \"classification\" character(1) NOT NULL, \"circumstances\" text array NOT NULL, \"discovered_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"police_grade\" text, \"returned_at\" TIMESTAMP WITH TIME ZONE, \"harm\" boolean NOT NULL DEFAULT false, \"input_event_ids\" uuid array NOT NULL, \"awaiting_profile_version\" integer, CONSTRAINT \"PK_d176084fe3652ecdc6ad94c0e39\" PRIMARY KEY (\"episode_id\"))");
    await q.query("CREATE INDEX \"episode_child\" ON \"episode\"  (\"child_id\", \"discovered_at\") ");
    await q.query("CREATE TABLE \"assessment\" (\"id\" uuid NOT NULL, \"episode_id\" uuid NOT NULL, \"level\" text NOT NULL, \"score\" integer NOT NULL, \"factors\" jsonb NOT NULL, \"overrides\" text array NOT NULL, \"police_grade\" text, \"ruleset_version\" text NOT NULL, \"input_event_ids\" uuid array NOT NULL, \"trigger\" text NOT NULL, \"assessed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_c511a7dc128256876b6b1719401\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"assessment_episode\" ON \"assessment\"  (\"episode_id\", \"assessed_at\") ");
  }

  async down(): Promise<void> {
    throw new Error('RiskSchema: restore from backup; schema changes are forward-only');
  }
}
