import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The home's phone (the police briefing names who to call); the child's NRM referral and decision dates and ICTG
 * referral; an episode's regulation 40 events and when its report was last added to (until now: when it was made).
 */
export class NrmDatesHomePhoneNotifiableEvents1796565431971 implements MigrationInterface {
  name = 'NrmDatesHomePhoneNotifiableEvents1796565431971';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"home\" ADD \"phone\" text");
    await q.query("ALTER TABLE \"child\" ADD \"nrm_referred_on\" date");
    await q.query("ALTER TABLE \"child\" ADD \"reasonable_grounds_on\" date");
    await q.query("ALTER TABLE \"child\" ADD \"conclusive_grounds_on\" date");
    await q.query("ALTER TABLE \"child\" ADD \"ictg_status\" text NOT NULL DEFAULT 'not-referred'");
    await q.query("ALTER TABLE \"child\" ADD \"ictg_referred_on\" date");
    await q.query("ALTER TABLE \"child\" ADD \"ictg_contact\" text");
    await q.query("ALTER TABLE \"absence\" ADD \"notifiable_events\" text array NOT NULL DEFAULT '{}'");
    await q.query("ALTER TABLE \"absence\" ADD \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()");
    await q.query('UPDATE "absence" SET "updated_at" = "reported_at"');
  }

  async down(): Promise<void> {
    throw new Error('NrmDatesHomePhoneNotifiableEvents: restore from backup; schema changes are forward-only');
  }
}
