import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProfileWithoutBirth1796555090779 implements MigrationInterface {
  name = 'ProfileWithoutBirth1796555090779';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"child_profile\" ALTER COLUMN \"thirteenth_birthday\" DROP NOT NULL");
  }

  async down(): Promise<void> {
    throw new Error('ProfileWithoutBirth: restore from backup; schema changes are forward-only');
  }
}
