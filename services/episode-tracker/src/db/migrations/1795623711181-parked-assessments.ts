import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ParkedAssessments1795623711181 implements MigrationInterface {
  name = 'ParkedAssessments1795623711181';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"parked_assessment\" (\"episode_id\" uuid NOT NULL, \"assessment\" jsonb NOT NULL, \"parked_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_b83cd6c9feb42eabc805c90634a\" PRIMARY KEY (\"episode_id\"))");
  }

  async down(): Promise<void> {
    throw new Error('ParkedAssessments: restore from backup; schema changes are forward-only');
  }
}
