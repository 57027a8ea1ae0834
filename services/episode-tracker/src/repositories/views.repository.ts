import { Injectable } from '@nestjs/common';
import type { EpisodeTrackerHttp, Served, TaskKind } from '@safeguard/contracts';
import type { EntityManager } from 'typeorm';
import type { EpisodePlace } from '../domain/access.js';

/** Who may see what: a caller's home, council (placing or host), or police force. */
export interface ScopeFilter {
  kind: 'home' | 'council' | 'police-force';
  id: string;
}

const IN_SCOPE = `CASE $1::text WHEN 'home' THEN e.home_id::text = $2 WHEN 'council' THEN (e.placing_council = $2 OR e.host_council = $2)
  WHEN 'police-force' THEN e.police_force = $2 ELSE false END`;

const SUMMARY = `e.id, e.reference, e.child_id AS "childId", e.home_id AS "homeId", e.placing_council AS "placingCouncil",
  e.host_council AS "hostCouncil", e.police_force AS "policeForce", e.state, e.classification, e.level, e.provisional, e.ladder,
  e.police_reference AS "policeReference", e.discovered_at AS "discoveredAt", e.opened_at AS "openedAt", e.returned_at AS "returnedAt"`;

/** What the access rules read of an episode (domain/access.ts). */
const PLACE = `e.home_id AS "homeId", e.placing_council AS "placingCouncil", e.host_council AS "hostCouncil", e.police_force AS "policeForce",
  e.returned_at AS "returnedAt"`;

const ALERT_VIEW = `a.id, a.episode_id AS "episodeId", a.origin_alert_id AS "originAlertId", a.purpose, a.rung_key AS "stepKey", a.role,
  a.scope_kind AS "scopeKind", a.scope_id AS "scopeId", a.ask, a.escalated_from AS "escalatedFrom", a.missed, a.level, a.attempt,
  a.requested_at AS "requestedAt", a.ack_deadline AS "ackDeadline", a.acknowledged_at AS "acknowledgedAt",
  a.acknowledged_by AS "acknowledgedBy", a.police_reference AS "policeReference", a.delivery_state AS "deliveryState",
  a.delivered_count AS "deliveredCount", a.escalated_at AS "escalatedAt"`;

const TASK_VIEW = `t.id, t.episode_id AS "episodeId", t.child_id AS "childId", t.kind, t.notifiable_event AS "notifiableEvent", t.state, t.due_at AS "dueAt", t.hard_due_at AS "hardDueAt",
  t.invitees, t.outcome, t.attempts, t.refused, t.created_at AS "createdAt", t.completed_at AS "completedAt",
  t.completed_by AS "completedBy", t.breached_at AS "breachedAt"`;

/** An episode's rows as the API serves them (its contract in @safeguard/contracts), with the times missingForMinutes comes from. */
type Timed<T> = Served<Omit<T, 'missingForMinutes'>> & { discoveredAt: Date; returnedAt: Date | null };
/** A task as stored, before the access rules decide what of it the caller gets. */
export type TaskRow = Omit<Served<EpisodeTrackerHttp.Task>, 'mayComplete'>;
export type EpisodeSummaryRow = Timed<EpisodeTrackerHttp.EpisodeSummary> & EpisodePlace;
export type EpisodeDetailRow = Timed<Omit<EpisodeTrackerHttp.EpisodeDetail, 'tasks'>> & EpisodePlace & { tasks: TaskRow[] };

/** The tracker's read queries for its HTTP API, always filtered by the caller's scope. */
@Injectable()
export class ViewsRepository {
  async episodes(em: EntityManager, scope: ScopeFilter, state?: string): Promise<EpisodeSummaryRow[]> {
    return em.query(
      `SELECT ${SUMMARY},
         (SELECT count(DISTINCT a.origin_alert_id)::int FROM alert a WHERE a.episode_id = e.id AND a.ack_deadline IS NOT NULL AND a.acknowledged_at IS NULL
            AND e.state = 'open') AS "unacknowledgedAlerts",
         (SELECT count(*)::int FROM task t WHERE t.episode_id = e.id AND t.state = 'open' AND t.due_at < now()) AS "overdueTasks"
         FROM episode e WHERE ${IN_SCOPE} AND ($3::text IS NULL OR e.state = $3) ORDER BY e.discovered_at DESC LIMIT 500`,
      [scope.kind, scope.id, state ?? null],
    );
  }

  async episode(em: EntityManager, scope: ScopeFilter, id: string): Promise<EpisodeDetailRow | undefined> {
    const [e] = await em.query(
      `SELECT ${SUMMARY}, e.factors, e.overrides, e.policy->>'version' AS "policyVersion" FROM episode e WHERE ${IN_SCOPE} AND e.id = $3`,
      [scope.kind, scope.id, id],
    );
    if (!e) return undefined;
    const [timeline, alerts, tasks] = await Promise.all([
      em.query('SELECT at, what, who, why FROM timeline_entry WHERE episode_id = $1 ORDER BY seq', [id]),
      em.query(`SELECT ${ALERT_VIEW} FROM alert a WHERE a.episode_id = $1 ORDER BY a.requested_at, a.id`, [id]),
      em.query(`SELECT ${TASK_VIEW} FROM task t WHERE t.episode_id = $1 ORDER BY t.created_at, t.id`, [id]),
    ]);
    return { ...e, timeline, alerts, tasks };
  }

  /** Where an episode sits and when the child returned, for the access rules; undefined if there is no such episode. */
  async episodePlace(em: EntityManager, id: string): Promise<EpisodePlace | undefined> {
    const [e] = await em.query(`SELECT ${PLACE} FROM episode e WHERE e.id = $1`, [id]);
    return e;
  }

  /** A task's kind, with its episode's place, for the access rules; undefined if there is no such task. */
  async taskPlace(em: EntityManager, taskId: string): Promise<(EpisodePlace & { episodeId: string; kind: TaskKind }) | undefined> {
    const [t] = await em.query(`SELECT t.episode_id AS "episodeId", t.kind, ${PLACE} FROM task t JOIN episode e ON e.id = t.episode_id WHERE t.id = $1`, [taskId]);
    return t;
  }

  async task(em: EntityManager, id: string) {
    const [t] = await em.query(`SELECT ${TASK_VIEW} FROM task t WHERE t.id = $1`, [id]);
    return t;
  }

  /** Tasks with their episode's place (`episode`), for the access rules to have the last word on each. */
  async tasks(em: EntityManager, scope: ScopeFilter, f: { state?: string; dueBefore?: Date }): Promise<(TaskRow & { episode: EpisodePlace })[]> {
    return em.query(
      `SELECT ${TASK_VIEW}, json_build_object('homeId', e.home_id, 'placingCouncil', e.placing_council, 'hostCouncil', e.host_council,
              'policeForce', e.police_force, 'returnedAt', e.returned_at) AS episode
         FROM task t JOIN episode e ON e.id = t.episode_id
        WHERE ${IN_SCOPE} AND ($3::text IS NULL OR t.state = $3) AND ($4::timestamptz IS NULL OR t.due_at <= $4) ORDER BY t.due_at LIMIT 500`,
      [scope.kind, scope.id, f.state ?? null, f.dueBefore ?? null],
    );
  }

  /** Alerts for an audience still waiting for acknowledgement, latest attempt of each, while they still matter. */
  async awaiting(em: EntityManager, role: string, scope: ScopeFilter): Promise<Served<EpisodeTrackerHttp.AwaitingAlert>[]> {
    return em.query(
      `SELECT ${ALERT_VIEW}, e.reference, e.discovered_at AS "discoveredAt"
         FROM alert a JOIN episode e ON e.id = a.episode_id
        WHERE a.role = $3 AND a.scope_kind = $1 AND a.scope_id = $2 AND a.acknowledged_at IS NULL AND a.ack_deadline IS NOT NULL
          AND (e.state = 'open' OR (a.purpose = 'deadline' AND e.state <> 'closed'))
          AND NOT EXISTS (SELECT 1 FROM alert b WHERE b.origin_alert_id = a.origin_alert_id AND b.attempt > a.attempt)
        ORDER BY a.requested_at LIMIT 200`,
      [scope.kind, scope.id, role],
    );
  }
}
