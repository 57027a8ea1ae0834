import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_POLICY } from '../../domain/default-policy.js';

export class EscalationEngine1796534184495 implements MigrationInterface {
  name = 'EscalationEngine1796534184495';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"child_profile\" (\"child_id\" uuid NOT NULL, \"profile_version\" integer NOT NULL, \"trafficked\" boolean NOT NULL, \"uasc_or_separated\" boolean NOT NULL, \"nrm_referred\" boolean NOT NULL, \"thirteenth_birthday\" date NOT NULL, \"host_council\" text NOT NULL, CONSTRAINT \"PK_7b4b852d75b0deeca96fc1e22ae\" PRIMARY KEY (\"child_id\"))");
    await q.query("ALTER TABLE \"episode\" ADD \"host_council\" text");
    await q.query("ALTER TABLE \"episode\" ADD \"under_13\" boolean NOT NULL DEFAULT false");
    await q.query("ALTER TABLE \"episode\" ADD \"nrm_referred\" boolean NOT NULL DEFAULT false");
    await q.query("ALTER TABLE \"episode\" ADD \"provisional\" boolean NOT NULL DEFAULT false");
    await q.query("ALTER TABLE \"alert\" ADD \"root_alert_id\" uuid");
    await q.query("ALTER TABLE \"alert\" ADD \"purpose\" text NOT NULL DEFAULT 'step'");
    await q.query("ALTER TABLE \"alert\" ADD \"escalated_from\" text");
    await q.query("ALTER TABLE \"alert\" ADD \"missed\" text");
    await q.query("ALTER TABLE \"alert\" ADD \"to_everyone_alerted\" boolean NOT NULL DEFAULT false");
    await q.query("ALTER TABLE \"timeline_entry\" ADD \"seq\" BIGSERIAL NOT NULL");
    // Pending timers carry the episode and their key, as the engine books them (ids are kind:episode:key).
    await q.query("UPDATE timer SET payload = jsonb_build_object('episodeId', split_part(id, ':', 2), 'key', split_part(id, ':', 3)) WHERE state = 'pending' AND kind IN ('rung', 'ack', 'task')");
    // Live episodes move to the policy shape with chains of command; closed ones keep the snapshot they ran under.
    await q.query("UPDATE episode SET policy = $1 WHERE state <> 'closed'", [JSON.stringify(DEFAULT_POLICY)]);
    await q.query(`UPDATE episode SET policy = policy || jsonb_build_object('ladders', (SELECT jsonb_object_agg(k, CASE WHEN jsonb_typeof(v) = 'array'
      THEN jsonb_build_object('chainOfCommand', '{}'::jsonb, 'rungs', v) ELSE v END) FROM jsonb_each(policy->'ladders') AS l(k, v)))
      WHERE state = 'closed' AND policy IS NOT NULL`);
    await q.query("UPDATE alert SET root_alert_id = origin_alert_id WHERE root_alert_id IS NULL");
    await q.query("UPDATE alert SET purpose = 'found' WHERE ask = 'child-found'");
  }

  async down(): Promise<void> {
    throw new Error('EscalationEngine: restore from backup; schema changes are forward-only');
  }
}
