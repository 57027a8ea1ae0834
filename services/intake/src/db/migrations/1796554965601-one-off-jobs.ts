import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OneOffJobs1796554965601 implements MigrationInterface {
  name = 'OneOffJobs1796554965601';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"one_off_job\" (\"name\" text NOT NULL, \"done_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"items\" integer NOT NULL, CONSTRAINT \"PK_03dceee7ddb79055a14b495eff4\" PRIMARY KEY (\"name\"))");
  }

  async down(): Promise<void> {
    throw new Error('OneOffJobs: restore from backup; schema changes are forward-only');
  }
}
