import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgeAtDiscovery1796555019565 implements MigrationInterface {
  name = 'AgeAtDiscovery1796555019565';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"episode\" ADD \"age_at_discovery\" integer");
  }

  async down(): Promise<void> {
    throw new Error('AgeAtDiscovery: restore from backup; schema changes are forward-only');
  }
}
