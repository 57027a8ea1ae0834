import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Policy } from '../domain/policy.js';

export interface Episode {
  id: string;
  reference: string;
  childId: string;
  homeId: string;
  placingCouncil: string;
  policeForce: string;
  classification: string;
  state: string;
  level: string | null;
  ladder: string | null;
  trafficked: boolean;
  uascOrSeparated: boolean;
  policeReference: string | null;
  factors: { code: string; points: number }[];
  overrides: string[];
  policy: Policy | null;
  discoveredAt: Date;
  openedAt: Date | null;
  returnedAt: Date | null;
  reportedAt: Date | null;
}

export interface Alert {
  id: string;
  episodeId: string;
  originAlertId: string;
  rungKey: string;
  role: string;
  scopeKind: string;
  scopeId: string;
  ask: string;
  level: string;
  attempt: number;
  requestedAt: Date;
  ackDeadline: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  policeReference: string | null;
  deliveryState: string;
  deliveredCount: number;
  escalatedAt: Date | null;
}

export interface Task {
  id: string;
  episodeId: string;
  childId: string;
  kind: string;
  state: string;
  dueAt: Date;
  hardDueAt: Date | null;
  invitees: string[];
  outcome: string | null;
  attempts: number;
  refused: boolean;
  createdAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
  breachedAt: Date | null;
}

const EPISODE = `id, reference, child_id AS "childId", home_id AS "homeId", placing_council AS "placingCouncil",
  police_force AS "policeForce", classification, state, level, ladder, trafficked, uasc_or_separated AS "uascOrSeparated",
  police_reference AS "policeReference", factors, overrides, policy, discovered_at AS "discoveredAt",
  opened_at AS "openedAt", returned_at AS "returnedAt", reported_at AS "reportedAt"`;
const ALERT = `id, episode_id AS "episodeId", origin_alert_id AS "originAlertId", rung_key AS "rungKey", role,
  scope_kind AS "scopeKind", scope_id AS "scopeId", ask, level, attempt, requested_at AS "requestedAt",
  ack_deadline AS "ackDeadline", acknowledged_at AS "acknowledgedAt", acknowledged_by AS "acknowledgedBy",
  police_reference AS "policeReference", delivery_state AS "deliveryState", delivered_count AS "deliveredCount",
  escalated_at AS "escalatedAt"`;
const TASK = `id, episode_id AS "episodeId", child_id AS "childId", kind, state, due_at AS "dueAt", hard_due_at AS "hardDueAt",
  invitees, outcome, attempts, refused, created_at AS "createdAt", completed_at AS "completedAt",
  completed_by AS "completedBy", breached_at AS "breachedAt"`;

/** All of the episode-tracker's SQL. */
export class EpisodeRepository {
  async insertReported(em: EntityManager, e: Pick<Episode, 'id' | 'reference' | 'childId' | 'homeId' | 'placingCouncil' |
    'policeForce' | 'classification' | 'discoveredAt'> & { reportedAt: Date }): Promise<void> {
    await em.query(
      `INSERT INTO episode (id, reference, child_id, home_id, placing_council, police_force, classification, state, discovered_at, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'reported', $8, $9) ON CONFLICT (id) DO NOTHING`,
      [e.id, e.reference, e.childId, e.homeId, e.placingCouncil, e.policeForce, e.classification, e.discoveredAt, e.reportedAt],
    );
  }

  /** The police reference, and when the police were first known to have been told. */
  async policeInformed(em: EntityManager, id: string, reference: string, at: Date) {
    await em.query(
      'UPDATE episode SET police_reference = $2, police_informed_at = COALESCE(police_informed_at, $3) WHERE id = $1',
      [id, reference, at],
    );
  }

  async episode(em: EntityManager, id: string, lock = false): Promise<Episode | undefined> {
    const [row] = await em.query(`SELECT ${EPISODE} FROM episode WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row;
  }

  async episodes(em: EntityManager, where: { state?: string; scopeKind: string; scopeId: string }): Promise<Episode[]> {
    const column = { home: 'home_id::text', council: 'placing_council', 'police-force': 'police_force' }[where.scopeKind];
    if (!column) return [];
    return em.query(
      `SELECT ${EPISODE} FROM episode WHERE ${column} = $1 AND ($2::text IS NULL OR state = $2) ORDER BY discovered_at DESC LIMIT 500`,
      [where.scopeId, where.state ?? null],
    );
  }

  async priorDiscoveries(em: EntityManager, childId: string, episodeId: string, before: Date): Promise<Date[]> {
    const rows: { at: Date }[] = await em.query(
      'SELECT discovered_at AS at FROM episode WHERE child_id = $1 AND id <> $2 AND discovered_at < $3',
      [childId, episodeId, before],
    );
    return rows.map((r) => new Date(r.at));
  }

  async update(em: EntityManager, id: string, set: Partial<Record<'state' | 'level' | 'ladder' | 'classification' |
    'policeReference' | 'openedAt' | 'returnedAt' | 'trafficked' | 'uascOrSeparated' | 'factors' | 'overrides' | 'policy', unknown>>) {
    const columns: Record<string, string> = {
      state: 'state', level: 'level', ladder: 'ladder', classification: 'classification', policeReference: 'police_reference',
      openedAt: 'opened_at', returnedAt: 'returned_at', trafficked: 'trafficked', uascOrSeparated: 'uasc_or_separated',
      factors: 'factors', overrides: 'overrides', policy: 'policy',
    };
    const keys = Object.keys(set);
    const json = new Set(['factors', 'policy']);
    await em.query(
      `UPDATE episode SET ${keys.map((k, i) => `${columns[k]} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [id, ...keys.map((k) => (json.has(k) ? JSON.stringify(set[k as keyof typeof set]) : set[k as keyof typeof set]))],
    );
  }

  /** Marks a rung as fired; false when it had fired already (each rung fires once). */
  async markRungFired(em: EntityManager, episodeId: string, rungKey: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await em.query(
      'INSERT INTO rung_fired (episode_id, rung_key, fired_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING rung_key',
      [episodeId, rungKey, at],
    );
    return rows.length === 1;
  }

  async firedRungs(em: EntityManager, episodeId: string): Promise<Set<string>> {
    const rows: { key: string }[] = await em.query('SELECT rung_key AS key FROM rung_fired WHERE episode_id = $1', [episodeId]);
    return new Set(rows.map((r) => r.key));
  }

  async insertAlert(em: EntityManager, a: Omit<Alert, 'acknowledgedAt' | 'acknowledgedBy' | 'policeReference' | 'deliveryState' |
    'deliveredCount' | 'escalatedAt'>) {
    await em.query(
      `INSERT INTO alert (id, episode_id, origin_alert_id, rung_key, role, scope_kind, scope_id, ask, level, attempt, requested_at, ack_deadline)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [a.id, a.episodeId, a.originAlertId, a.rungKey, a.role, a.scopeKind, a.scopeId, a.ask, a.level, a.attempt, a.requestedAt, a.ackDeadline],
    );
  }

  async alert(em: EntityManager, id: string, lock = false): Promise<Alert | undefined> {
    const [row] = await em.query(`SELECT ${ALERT} FROM alert WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row;
  }

  async alerts(em: EntityManager, episodeId: string): Promise<Alert[]> {
    return em.query(`SELECT ${ALERT} FROM alert WHERE episode_id = $1 ORDER BY requested_at, id`, [episodeId]);
  }

  /** Acknowledges a whole re-notification chain; returns how many alerts it changed (0 if already acknowledged). */
  async acknowledge(em: EntityManager, originAlertId: string, by: string, at: Date, policeReference: string | null): Promise<number> {
    const [, count] = await em.query(
      `UPDATE alert SET acknowledged_at = $3, acknowledged_by = $2, police_reference = $4
        WHERE origin_alert_id = $1 AND acknowledged_at IS NULL`,
      [originAlertId, by, at, policeReference],
    );
    return count;
  }

  async markEscalated(em: EntityManager, alertId: string, at: Date) {
    await em.query('UPDATE alert SET escalated_at = $2 WHERE id = $1', [alertId, at]);
  }

  async recordDelivery(em: EntityManager, alertId: string, outcome: 'delivered' | 'failed' | 'gap', at: Date | null = null) {
    await em.query(
      `UPDATE alert SET delivery_state = CASE WHEN $2 = 'delivered' OR delivery_state = 'delivered' THEN 'delivered' ELSE $2 END,
         delivered_count = delivered_count + CASE WHEN $2 = 'delivered' THEN 1 ELSE 0 END,
         delivered_at = CASE WHEN $2 = 'delivered' THEN LEAST(COALESCE(delivered_at, $3::timestamptz), $3::timestamptz) ELSE delivered_at END
       WHERE id = $1`,
      [alertId, outcome, at],
    );
  }

  async insertTask(em: EntityManager, t: Pick<Task, 'id' | 'episodeId' | 'childId' | 'kind' | 'dueAt' | 'hardDueAt' | 'invitees' | 'createdAt'>) {
    await em.query(
      `INSERT INTO task (id, episode_id, child_id, kind, state, due_at, hard_due_at, invitees, created_at)
       VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8)`,
      [t.id, t.episodeId, t.childId, t.kind, t.dueAt, t.hardDueAt, t.invitees, t.createdAt],
    );
  }

  async task(em: EntityManager, id: string, lock = false): Promise<Task | undefined> {
    const [row] = await em.query(`SELECT ${TASK} FROM task WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row;
  }

  async tasksOf(em: EntityManager, episodeId: string): Promise<Task[]> {
    return em.query(`SELECT ${TASK} FROM task WHERE episode_id = $1 ORDER BY created_at, id`, [episodeId]);
  }

  async tasks(em: EntityManager, f: { scopeColumn: string; scopeId: string; state?: string; dueBefore?: Date }): Promise<Task[]> {
    return em.query(
      `SELECT ${TASK} FROM task WHERE episode_id IN (SELECT id FROM episode WHERE ${f.scopeColumn} = $1)
          AND ($2::text IS NULL OR state = $2) AND ($3::timestamptz IS NULL OR due_at <= $3) ORDER BY due_at LIMIT 500`,
      [f.scopeId, f.state ?? null, f.dueBefore ?? null],
    );
  }

  async hasTask(em: EntityManager, episodeId: string, kind: string, state?: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      'SELECT 1 FROM task WHERE episode_id = $1 AND kind = $2 AND ($3::text IS NULL OR state = $3)',
      [episodeId, kind, state ?? null],
    );
    return rows.length > 0;
  }

  async completeTask(em: EntityManager, id: string, c: { outcome: string; attempts: number; refused: boolean; by: string; at: Date }) {
    await em.query(
      `UPDATE task SET state = 'done', outcome = $2, attempts = $3, refused = $4, completed_by = $5, completed_at = $6 WHERE id = $1`,
      [id, c.outcome, c.attempts, c.refused, c.by, c.at],
    );
  }

  async markBreached(em: EntityManager, id: string, at: Date) {
    await em.query('UPDATE task SET breached_at = $2 WHERE id = $1', [id, at]);
  }

  async record(em: EntityManager, episodeId: string, at: Date, what: string, who: string, why: string) {
    await em.query('INSERT INTO timeline_entry (id, episode_id, at, what, who, why) VALUES ($1, $2, $3, $4, $5, $6)', [
      randomUUID(), episodeId, at, what, who, why,
    ]);
  }

  async timeline(em: EntityManager, episodeId: string): Promise<{ at: Date; what: string; who: string; why: string }[]> {
    return em.query('SELECT at, what, who, why FROM timeline_entry WHERE episode_id = $1 ORDER BY at, id', [episodeId]);
  }

  /** Alerts for an audience still waiting for acknowledgement while the child is missing. */
  async awaiting(em: EntityManager, role: string, scopeKind: string, scopeId: string): Promise<(Alert & { reference: string; discoveredAt: Date })[]> {
    return em.query(
      `SELECT ${ALERT.replace(/(^|,\s*)(\w+)/g, '$1a.$2')}, e.reference, e.discovered_at AS "discoveredAt"
         FROM alert a JOIN episode e ON e.id = a.episode_id
        WHERE a.role = $1 AND a.scope_kind = $2 AND a.scope_id = $3 AND a.acknowledged_at IS NULL AND a.ack_deadline IS NOT NULL
          AND e.state = 'open'
          AND NOT EXISTS (SELECT 1 FROM alert b WHERE b.origin_alert_id = a.origin_alert_id AND b.attempt > a.attempt)
        ORDER BY a.requested_at LIMIT 200`,
      [role, scopeKind, scopeId],
    );
  }

  /** Keeps the latest assessment of an episode whose report has not arrived yet. */
  async park(em: EntityManager, episodeId: string, assessment: object) {
    await em.query(
      `INSERT INTO parked_assessment (episode_id, assessment, parked_at) VALUES ($1, $2, now())
       ON CONFLICT (episode_id) DO UPDATE SET assessment = EXCLUDED.assessment, parked_at = now()`,
      [episodeId, JSON.stringify(assessment)],
    );
  }

  async unpark<T>(em: EntityManager, episodeId: string): Promise<T | undefined> {
    const [rows] = await em.query('DELETE FROM parked_assessment WHERE episode_id = $1 RETURNING assessment', [episodeId]);
    return rows[0]?.assessment;
  }
}
