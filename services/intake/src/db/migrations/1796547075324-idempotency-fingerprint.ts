import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyFingerprint1796547075324 implements MigrationInterface {
  name = 'IdempotencyFingerprint1796547075324';

  async up(q: QueryRunner): Promise<void> {
    // Keys recorded before fingerprints match no request: reusing one within its 24 hours is refused (422, nothing
    // written) rather than answered with an episode that may be another child's. They expire 24 hours after use.
    await q.query("ALTER TABLE \"idempotency_key\" ADD \"fingerprint\" text NOT NULL DEFAULT 'unknown'");
    await q.query("ALTER TABLE \"idempotency_key\" ALTER COLUMN \"fingerprint\" DROP DEFAULT");
    await q.query("ALTER TABLE \"idempotency_key\" ADD \"expires_at\" TIMESTAMP WITH TIME ZONE");
    await q.query("UPDATE \"idempotency_key\" SET \"expires_at\" = \"created_at\" + interval '24 hours'");
    await q.query("ALTER TABLE \"idempotency_key\" ALTER COLUMN \"expires_at\" SET NOT NULL");
  }

  async down(): Promise<void> {
    throw new Error('IdempotencyFingerprint: restore from backup; schema changes are forward-only');
  }
}
