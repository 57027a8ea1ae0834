import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { endOfUkDay } from '@safeguard/contracts';
import type { SyntheticYear } from './synthetic-year.js';

/** Test-data factories: write a synthetic year straight into intake's and the tracker's own tables. */
const H = 3_600_000;
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

export async function seedIntakeYear(db: pg.Client, y: SyntheticYear): Promise<void> {
  await db.query('INSERT INTO council (code, name) VALUES ($1, $1) ON CONFLICT DO NOTHING', [y.council]);
  await db.query('INSERT INTO police_force (code, name) VALUES ($1, $1) ON CONFLICT DO NOTHING', [y.force]);
  for (const h of y.homes) {
    await db.query('INSERT INTO home (id, name, council_code, police_force_code) VALUES ($1, $2, $3, $4)', [h.id, h.name, y.council, y.force]);
  }
  for (const c of y.children) {
    await db.query(
      `INSERT INTO child (id, home_id, given_name, family_name, date_of_birth, placing_council, host_council, placement_start, accommodation,
         age_assessment, trafficking_status, uasc, separated, concerns, profile_version, legal_status, details, la_child_id)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7, 'childrens-home', 'not-required', $8, false, false, '{}', 1, 's20-voluntary', '{}', $9)`,
      [c.id, c.homeId, c.givenName, c.familyName, c.dateOfBirth, y.council, c.placementStart, c.trafficked ? 'suspected' : 'none', c.laChildId],
    );
  }
  for (const p of y.placements) {
    await db.query('INSERT INTO placement (id, child_id, home_id, started_on, ended_on, ceased_reason) VALUES ($1, $2, $3, $4, $5, $6)',
      [randomUUID(), p.childId, p.homeId, p.startedOn, p.endedOn, p.ceasedReason]);
  }
  for (const p of y.packs) {
    const part1 = { identity: { otherNames: [] }, physicalDescription: {}, vulnerabilities: [], warningMarkers: [], associates: p.associates,
      placesFrequented: [], phones: [], socialMedia: [], moneyAndTravelCards: [], previousEpisodes: [] };
    await db.query(`INSERT INTO information_pack (child_id, part1, updated_at, updated_by) VALUES ($1, $2, now(), 'synthetic')`, [p.childId, part1]);
  }
  for (const e of y.episodes) {
    await db.query(
      `INSERT INTO absence (episode_id, reference, child_id, home_id, state, classification, last_seen_at, last_seen_where, last_seen_by,
         discovered_at, reported_at, reported_by, circumstances, facts, police_reference, located_at, returned_at, return_details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'key worker', $9, $10, 'synthetic', '{}', '{}', $11, $12, $12, $13)`,
      [e.id, e.reference, e.childId, e.homeId, e.returnedAt ? 'returned' : 'open', e.classification, e.lastSeenAt, e.lastSeenWhere,
        e.discoveredAt, e.reportedAt, e.policeInformedAfterMinutes === null ? null : `PR-${e.reference}`, e.returnedAt,
        e.returnedAt ? { where: e.foundWhere, by: 'police', foundBy: 'police' } : null],
    );
  }
}

/** `stillMissing: false` leaves out the episode still open (a demo should not show a year-old absence as live). */
export async function seedTrackerYear(db: pg.Client, y: SyntheticYear, options: { stillMissing?: boolean } = {}): Promise<void> {
  for (const e of y.episodes.filter((x) => !x.legacy && (options.stillMissing !== false || x.returnedAt))) {
    const informed = e.policeInformedAfterMinutes === null ? null : plus(e.discoveredAt, e.policeInformedAfterMinutes * 60_000);
    await db.query(
      `INSERT INTO episode (id, reference, child_id, home_id, placing_council, police_force, classification, state, level, ladder, trafficked,
         police_reference, policy, discovered_at, opened_at, returned_at, reported_at, police_informed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $15, $17)`,
      [e.id, e.reference, e.childId, e.homeId, y.council, y.force, e.classification, e.returnedAt ? 'closed' : 'open',
        e.ladder === 'T' ? 'high' : 'medium', e.ladder, e.ladder === 'T', informed ? `PR-${e.reference}` : null, y.policy,
        e.discoveredAt, e.reportedAt, e.returnedAt, informed],
    );
    const alertId = randomUUID();
    await db.query(
      `INSERT INTO alert (id, episode_id, origin_alert_id, rung_key, role, scope_kind, scope_id, ask, level, attempt, requested_at, ack_deadline,
         acknowledged_at, acknowledged_by, delivery_state, delivered_count, delivered_at)
       VALUES ($1, $2, $1, 'duty-manager', 'home-duty-manager', 'home', $3, 'call-police-now', $4, 1, $5, $6, $7, 'synthetic', 'delivered', 1, $8)`,
      [alertId, e.id, e.homeId, e.ladder === 'T' ? 'high' : 'medium', e.reportedAt, plus(e.reportedAt, 15 * 60_000),
        plus(e.reportedAt, e.ackAfterMinutes * 60_000), plus(e.reportedAt, e.firstDeliveryAfterMs)],
    );
    const task = async (kind: string, created: Date, due: Date, hardDue: Date | null, done: Date, refused: boolean) => db.query(
      `INSERT INTO task (id, episode_id, child_id, kind, state, due_at, hard_due_at, created_at, completed_at, completed_by, outcome, attempts, refused)
       VALUES ($1, $2, $3, $4, 'done', $5, $6, $7, $8, 'synthetic', $9, 1, $10)`,
      [randomUUID(), e.id, e.childId, kind, due, hardDue, created, done, refused ? 'Offered; the young person declined' : 'Held', refused],
    );
    if (e.strategyMeetingHeldAfterHours !== null) {
      const created = plus(e.discoveredAt, H);
      const hardDue = plus(created, 24 * H);
      const sameDay = endOfUkDay(created);
      await task('strategy-meeting', created, sameDay < hardDue ? sameDay : hardDue, hardDue, plus(e.discoveredAt, e.strategyMeetingHeldAfterHours * H), false);
    }
    if (e.returnInterview && e.returnedAt) {
      await task('return-home-interview', e.returnedAt, plus(e.returnedAt, 72 * H), null, plus(e.returnedAt, e.returnInterview.doneAfterHours * H), e.returnInterview.refused);
    }
  }
}
