import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Regulation40AndCompetentAuthority1796565495658 implements MigrationInterface {
  name = 'Regulation40AndCompetentAuthority1796565495658';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"episode\" ADD \"childrens_home\" boolean NOT NULL DEFAULT false");
    await q.query("ALTER TABLE \"episode\" ADD \"sexual_exploitation\" boolean NOT NULL DEFAULT false");
    await q.query("ALTER TABLE \"episode\" ADD \"notifiable_events\" text array NOT NULL DEFAULT '{}'");
    await q.query("ALTER TABLE \"task\" ADD \"notifiable_event\" text");
    await q.query("ALTER TABLE \"child_profile\" ADD \"sexual_exploitation\" boolean NOT NULL DEFAULT false");
    await q.query("ALTER TABLE \"child_profile\" ADD \"accommodation\" text");
  }

  async down(): Promise<void> {
    throw new Error('Regulation40AndCompetentAuthority: restore from backup; schema changes are forward-only');
  }
}
