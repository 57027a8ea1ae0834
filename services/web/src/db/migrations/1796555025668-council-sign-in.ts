import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CouncilSignIn1796555025668 implements MigrationInterface {
  name = 'CouncilSignIn1796555025668';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"council_sign_in_attempt\" (\"id_hash\" text NOT NULL, \"state\" text NOT NULL, \"nonce\" text NOT NULL, \"code_verifier\" text NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_14e4311cd323004aaa30127e0d4\" PRIMARY KEY (\"id_hash\"))");
    await q.query("ALTER TABLE \"account\" ALTER COLUMN \"password_hash\" DROP NOT NULL");
  }

  async down(): Promise<void> {
    throw new Error('CouncilSignIn: restore from backup; schema changes are forward-only');
  }
}
