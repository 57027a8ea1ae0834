import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EscalationEngine1796536690188 implements MigrationInterface {
  name = 'EscalationEngine1796536690188';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"parked_event\" (\"event_id\" uuid NOT NULL, \"episode_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"data\" jsonb NOT NULL, \"parked_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_abc503acf723e49d983a57e963d\" PRIMARY KEY (\"event_id\"))");
    await q.query("CREATE INDEX \"parked_event_episode\" ON \"parked_event\"  (\"episode_id\") ");
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
    // Existing entries take their order from when they happened.
    await q.query(`UPDATE timeline_entry t SET seq = o.n FROM (SELECT id, row_number() OVER (ORDER BY at, id) AS n FROM timeline_entry) o WHERE t.id = o.id`);
    await q.query(`SELECT setval(pg_get_serial_sequence('timeline_entry', 'seq'), (SELECT COALESCE(max(seq), 0) + 1 FROM timeline_entry), false)`);
    // Data, for episodes live at the upgrade. Assessments that overtook their report join the other parked events.
    await q.query(`INSERT INTO parked_event (event_id, episode_id, kind, data, parked_at)
      SELECT gen_random_uuid(), episode_id, 'assessed', assessment, parked_at FROM parked_assessment`);
    await q.query('DROP TABLE parked_assessment');
    // Alerts get the purpose and tree the engine reads; escalation alerts lose their key prefix.
    await q.query(`UPDATE alert SET root_alert_id = origin_alert_id,
      purpose = CASE WHEN ask = 'child-found' THEN 'found' WHEN rung_key LIKE 'escalated:%' THEN 'escalation'
                     WHEN rung_key LIKE 'breach-%' THEN 'deadline' ELSE 'step' END,
      missed = CASE WHEN rung_key LIKE 'breach-%' THEN substr(rung_key, 8) END,
      rung_key = CASE WHEN rung_key LIKE 'escalated:%' THEN substr(rung_key, 11) ELSE rung_key END`);
    // Steps renamed in the default policy keep their history: weekly reviews repeat under one key, the S-low 72 h step.
    await q.query(`UPDATE alert SET rung_key = regexp_replace(rung_key, '^weekly-review-([0-9]+)$', 'weekly-review@\\1') WHERE rung_key ~ '^weekly-review-[0-9]+$'`);
    await q.query(`UPDATE alert SET rung_key = 'team-manager-72h' WHERE rung_key = 'a-to-m-review-72h'`);
    // Which steps fired is read from the step alerts themselves now (per audience), not kept beside them.
    await q.query('DROP TABLE rung_fired');
    // An episode still waiting for its assessment opens now, as the report opens one today (nothing known: T, high).
    await q.query(`UPDATE episode SET state = 'open', ladder = 'T', level = 'high', provisional = true, opened_at = now() WHERE state = 'reported'`);
    await q.query(`UPDATE episode SET state = 'open' WHERE state = 'located'`);
    // An episode that went from reported straight to returned never had a level or ladder.
    await q.query(`UPDATE episode SET ladder = COALESCE(ladder, 'T'), level = COALESCE(level, 'high') WHERE state <> 'closed'`);
    // Snapshots move to the shape with a chain of command per ladder. Live episodes (and those still waiting) take
    // their council's policy in force at start, re-planned once by the service (PolicyUpgrade); closed ones keep theirs.
    await q.query(`UPDATE episode SET policy = policy || jsonb_build_object('ladders', (SELECT jsonb_object_agg(k, CASE WHEN jsonb_typeof(v) = 'array'
      THEN jsonb_build_object('chainOfCommand', '{}'::jsonb, 'rungs', v) ELSE v END) FROM jsonb_each(policy->'ladders') AS l(k, v)))
      WHERE policy IS NOT NULL AND NOT policy ? 'chase'`);
    // Pending timers carry the episode and their key, as the engine books them (ids are kind:episode:key).
    await q.query(`UPDATE timer SET payload = jsonb_build_object('episodeId', split_part(id, ':', 2), 'key', split_part(id, ':', 3))
      WHERE state = 'pending' AND kind IN ('rung', 'ack', 'task')`);
  }

  async down(): Promise<void> {
    throw new Error('EscalationEngine: restore from backup; schema changes are forward-only');
  }
}
