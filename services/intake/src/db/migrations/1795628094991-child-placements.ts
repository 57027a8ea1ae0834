import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChildPlacements1795628094991 implements MigrationInterface {
  name = 'ChildPlacements1795628094991';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"placement\" (\"id\" uuid NOT NULL, \"child_id\" uuid NOT NULL, \"home_id\" uuid NOT NULL, \"started_on\" date NOT NULL, \"ended_on\" date, CONSTRAINT \"PK_4f8b29ee2db5213bcb38b6c71c4\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"placement_child\" ON \"placement\"  (\"child_id\", \"started_on\") ");
    await q.query("ALTER TABLE \"child\" ADD \"la_child_id\" text");
    // Every child registered so far is in the placement the register shows.
    await q.query("INSERT INTO placement (id, child_id, home_id, started_on) SELECT gen_random_uuid(), id, home_id, placement_start FROM child");
  }

  async down(): Promise<void> {
    throw new Error('ChildPlacements: restore from backup; schema changes are forward-only');
  }
}
