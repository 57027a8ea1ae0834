import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ComplianceTimes1795628157705 implements MigrationInterface {
  name = 'ComplianceTimes1795628157705';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"episode\" ADD \"reported_at\" TIMESTAMP WITH TIME ZONE");
    await q.query("ALTER TABLE \"episode\" ADD \"police_informed_at\" TIMESTAMP WITH TIME ZONE");
    await q.query("ALTER TABLE \"alert\" ADD \"delivered_at\" TIMESTAMP WITH TIME ZONE");
    await q.query("CREATE INDEX \"episode_council_discovered\" ON \"episode\"  (\"placing_council\", \"discovered_at\") ");
  }

  async down(): Promise<void> {
    throw new Error('ComplianceTimes: restore from backup; schema changes are forward-only');
  }
}
