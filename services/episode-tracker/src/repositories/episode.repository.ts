import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertOrDefer } from '@safeguard/platform';
import type { Alert, Episode, EpisodeRecord, Task } from '../domain/episode.js';
import { withAddedTaskRules } from '../domain/policy.js';

const EPISODE = `id, reference, child_id AS "childId", home_id AS "homeId", placing_council AS "placingCouncil",
  host_council AS "hostCouncil", police_force AS "policeForce", classification, state, level, provisional, ladder,
  json_build_object('trafficked', trafficked, 'uascOrSeparated', uasc_or_separated, 'under13', under_13, 'nrmReferred', nrm_referred,
    'childrensHome', childrens_home, 'sexualExploitation', sexual_exploitation) AS flags,
  police_reference AS "policeReference", notifiable_events AS "notifiableEvents", policy, discovered_at AS "discoveredAt", reported_at AS "reportedAt",
  opened_at AS "openedAt", returned_at AS "returnedAt"`;
const ALERT = `id, episode_id AS "episodeId", origin_alert_id AS "originAlertId", COALESCE(root_alert_id, origin_alert_id) AS "rootAlertId",
  purpose, rung_key AS "stepKey", json_build_object('role', role, 'scopeKind', scope_kind, 'scopeId', scope_id) AS audience,
  ask, escalated_from AS "escalatedFrom", missed, level, attempt, requested_at AS "requestedAt", ack_deadline AS "ackDeadline",
  acknowledged_at AS "acknowledgedAt", acknowledged_by AS "acknowledgedBy", escalated_at AS "escalatedAt",
  to_everyone_alerted AS "toEveryoneAlerted"`;
const TASK = `id, episode_id AS "episodeId", kind, state, due_at AS "dueAt", hard_due_at AS "hardDueAt", invitees,
  notifiable_event AS "notifiableEvent", created_at AS "createdAt", breached_at AS "breachedAt"`;

/** Rows aggregated with json_agg carry timestamps as strings. */
type Row = Record<string, unknown>;
const at = (v: unknown) => new Date(v as string);
const atOrNull = (v: unknown) => (v === null ? null : new Date(v as string));
const toAlert = (a: Row) => ({ ...a, requestedAt: at(a.requestedAt), ackDeadline: atOrNull(a.ackDeadline), acknowledgedAt: atOrNull(a.acknowledgedAt),
  escalatedAt: atOrNull(a.escalatedAt) }) as Alert;
const toTask = (t: Row) => ({ ...t, dueAt: at(t.dueAt), hardDueAt: atOrNull(t.hardDueAt), createdAt: at(t.createdAt), breachedAt: atOrNull(t.breachedAt) }) as Task;

/** The episode aggregate's SQL: load it whole (locked), and write what a decision changed. */
@Injectable()
export class EpisodeRepository {
  /** The episode with its alerts, tasks and fired steps, locked for this transaction. */
  async load(em: EntityManager, id: string): Promise<EpisodeRecord | undefined> {
    // Lock first, in its own statement: a statement that waits for a row lock still reads its subqueries from the
    // snapshot it started with, and would miss what the lock holder had just written.
    await this.lock(em, id);
    const [row] = await em.query(
      `SELECT ${EPISODE},
         (SELECT COALESCE(json_agg(a ORDER BY a."requestedAt", a.id), '[]') FROM (SELECT ${ALERT} FROM alert WHERE episode_id = $1) a) AS alerts,
         (SELECT COALESCE(json_agg(t ORDER BY t."createdAt", t.id), '[]') FROM (SELECT ${TASK} FROM task WHERE episode_id = $1) t) AS tasks,
         ARRAY(SELECT DISTINCT rung_key || '|' || role || '|' || scope_kind || ':' || scope_id FROM alert WHERE episode_id = $1 AND purpose = 'step') AS fired
       FROM episode WHERE id = $1`,
      [id],
    );
    if (!row) return undefined;
    const { alerts, tasks, fired, ...episode } = row as Episode & { alerts: Row[]; tasks: Row[]; fired: string[] };
    // A snapshot taken before the task rules added since gets the default's for them when read; it is never rewritten.
    // (No policy yet, or one from before chains of command, is replaced at start by PolicyUpgrade.)
    const policy = episode.policy && withAddedTaskRules(episode.policy);
    return { episode: { ...episode, policy }, alerts: alerts.map(toAlert), tasks: tasks.map(toTask), fired: new Set(fired) };
  }

  /** Takes the episode's row lock (timers firing take it before their own row, as events do). */
  async lock(em: EntityManager, id: string) {
    await em.query('SELECT 1 FROM episode WHERE id = $1 FOR UPDATE', [id]);
  }

  /** The latest explanation of the level (shown with the episode; the engine does not need it). */
  async explain(em: EntityManager, id: string, factors: object[], overrides: string[]) {
    await em.query('UPDATE episode SET factors = $2, overrides = $3 WHERE id = $1', [id, JSON.stringify(factors), overrides]);
  }

  /** Episodes not yet closed whose policy snapshot predates chains of command (or that had none yet). */
  async outdatedSnapshots(em: EntityManager, id?: string): Promise<{ id: string; council: string }[]> {
    return em.query(
      `SELECT id, placing_council AS council FROM episode
        WHERE state <> 'closed' AND (policy IS NULL OR NOT policy ? 'chase') AND ($1::uuid IS NULL OR id = $1)`,
      [id ?? null],
    );
  }

  async exists(em: EntityManager, id: string): Promise<boolean> {
    return (await em.query('SELECT 1 FROM episode WHERE id = $1', [id])).length > 0;
  }

  /** Which episode an alert or task belongs to. */
  async episodeOfAlert(em: EntityManager, alertId: string): Promise<string | undefined> {
    const [row] = await em.query('SELECT episode_id AS id FROM alert WHERE id = $1', [alertId]);
    return row?.id;
  }

  async episodeOfTask(em: EntityManager, taskId: string): Promise<string | undefined> {
    const [row] = await em.query('SELECT episode_id AS id FROM task WHERE id = $1', [taskId]);
    return row?.id;
  }

  async insert(em: EntityManager, e: Episode) {
    await em.query(
      `INSERT INTO episode (id, reference, child_id, home_id, placing_council, host_council, police_force, classification, state,
         level, provisional, ladder, trafficked, uasc_or_separated, under_13, nrm_referred, childrens_home, sexual_exploitation,
         police_reference, notifiable_events, policy, discovered_at, reported_at, opened_at, returned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)`,
      [e.id, e.reference, e.childId, e.homeId, e.placingCouncil, e.hostCouncil, e.policeForce, e.classification, e.state,
        e.level, e.provisional, e.ladder, e.flags.trafficked, e.flags.uascOrSeparated, e.flags.under13, e.flags.nrmReferred,
        e.flags.childrensHome, e.flags.sexualExploitation, e.policeReference, e.notifiableEvents, JSON.stringify(e.policy),
        e.discoveredAt, e.reportedAt, e.openedAt, e.returnedAt],
    );
  }

  /** Writes the fields a decision may change (identity, places and times from the report never do; the policy only on an upgrade). */
  async update(em: EntityManager, e: Episode, withPolicy = false) {
    await em.query(
      `UPDATE episode SET host_council = $2, classification = $3, state = $4, level = $5, provisional = $6, ladder = $7,
         trafficked = $8, uasc_or_separated = $9, under_13 = $10, nrm_referred = $11, police_reference = $12, returned_at = $13,
         policy = COALESCE($14::jsonb, policy), childrens_home = $15, sexual_exploitation = $16, notifiable_events = $17
       WHERE id = $1`,
      [e.id, e.hostCouncil, e.classification, e.state, e.level, e.provisional, e.ladder, e.flags.trafficked, e.flags.uascOrSeparated,
        e.flags.under13, e.flags.nrmReferred, e.policeReference, e.returnedAt, withPolicy ? JSON.stringify(e.policy) : null,
        e.flags.childrensHome, e.flags.sexualExploitation, e.notifiableEvents],
    );
  }

  async policeInformed(em: EntityManager, id: string, at: Date) {
    await em.query('UPDATE episode SET police_informed_at = COALESCE(police_informed_at, $2) WHERE id = $1', [id, at]);
  }

  async insertAlerts(em: EntityManager, alerts: Alert[]) {
    if (alerts.length === 0) return;
    const col = <K extends keyof Alert>(k: K) => alerts.map((a) => a[k]);
    await em.query(
      `INSERT INTO alert (id, episode_id, origin_alert_id, root_alert_id, purpose, rung_key, role, scope_kind, scope_id, ask,
         escalated_from, missed, to_everyone_alerted, level, attempt, requested_at, ack_deadline)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::text[], $13::boolean[], $14::text[], $15::int[], $16::timestamptz[], $17::timestamptz[])`,
      [col('id'), col('episodeId'), col('originAlertId'), col('rootAlertId'), col('purpose'), col('stepKey'),
        alerts.map((a) => a.audience.role), alerts.map((a) => a.audience.scopeKind), alerts.map((a) => a.audience.scopeId), col('ask'),
        col('escalatedFrom'), col('missed'), col('toEveryoneAlerted'), col('level'), col('attempt'), col('requestedAt'), col('ackDeadline')],
    );
  }

  /** Acknowledges a whole re-send chain. */
  async acknowledge(em: EntityManager, originAlertId: string, by: string, at: Date, policeReference: string | null) {
    await em.query(
      `UPDATE alert SET acknowledged_at = $3, acknowledged_by = $2, police_reference = $4 WHERE origin_alert_id = $1 AND acknowledged_at IS NULL`,
      [originAlertId, by, at, policeReference],
    );
  }

  async markEscalated(em: EntityManager, alertId: string, at: Date) {
    await em.query('UPDATE alert SET escalated_at = $2 WHERE origin_alert_id = (SELECT origin_alert_id FROM alert WHERE id = $1)', [alertId, at]);
  }

  async recordDelivery(em: EntityManager, alertId: string, outcome: 'delivered' | 'failed' | 'gap', at: Date | null = null) {
    await em.query(
      `UPDATE alert SET delivery_state = CASE WHEN $2 = 'delivered' OR delivery_state = 'delivered' THEN 'delivered'
                                        WHEN delivery_state = 'gap' THEN 'gap' ELSE $2 END,
         delivered_count = delivered_count + CASE WHEN $2 = 'delivered' THEN 1 ELSE 0 END,
         delivered_at = CASE WHEN $2 = 'delivered' THEN LEAST(COALESCE(delivered_at, $3::timestamptz), $3::timestamptz) ELSE delivered_at END
       WHERE id = $1`,
      [alertId, outcome, at],
    );
  }

  async insertTask(em: EntityManager, t: Task, childId: string) {
    await em.query(
      `INSERT INTO task (id, episode_id, child_id, kind, state, due_at, hard_due_at, invitees, notifiable_event, created_at)
       VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9)`,
      [t.id, t.episodeId, childId, t.kind, t.dueAt, t.hardDueAt, t.invitees, t.notifiableEvent, t.createdAt],
    );
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

  /**
   * Timeline entries in the order they happened (seq breaks ties within one instant); inside a consumer's batch they
   * are written with the batch's other entries at the commit.
   */
  async record(em: EntityManager, episodeId: string, at: Date, entries: { what: string; who: string; why: string }[]) {
    await insertOrDefer(em, 'timeline', entries.map((e) => ({ ...e, episodeId, at })), insertTimeline);
  }
}

/** Entries in one statement, in the order given (the timeline is read by `seq`). */
async function insertTimeline(em: EntityManager, rows: { episodeId: string; at: Date; what: string; who: string; why: string }[]) {
  await em.query(
    `INSERT INTO timeline_entry (id, episode_id, at, what, who, why)
     SELECT id, episode_id, at, what, who, why
       FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS t(id, episode_id, at, what, who, why, n)
      ORDER BY n`,
    [rows.map(() => randomUUID()), rows.map((r) => r.episodeId), rows.map((r) => r.at), rows.map((r) => r.what), rows.map((r) => r.who), rows.map((r) => r.why)],
  );
}
