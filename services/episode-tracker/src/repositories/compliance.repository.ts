import { Injectable } from '@nestjs/common';
import { collectionYearBounds } from '@safeguard/contracts';
import type { EntityManager } from 'typeorm';
import { policeWithinSeconds, type AlertFacts, type EpisodeFacts, type TaskFacts } from '../domain/compliance.js';
import type { LadderName, Policy } from '../domain/policy.js';

/** The tracker's SQL for compliance figures. The window is a day wider than the year; the domain cuts UK months. */
@Injectable()
export class ComplianceRepository {
  async facts(em: EntityManager, council: string, year: string): Promise<{ episodes: EpisodeFacts[]; tasks: TaskFacts[]; alerts: AlertFacts[] }> {
    const { start, end } = collectionYearBounds(year);
    const rows: (Omit<EpisodeFacts, 'policeWithinSeconds'> & { policy: Policy | null; ladder: LadderName | null })[] = await em.query(
      `SELECT id, child_id AS "childId", discovered_at AS "discoveredAt", reported_at AS "reportedAt", returned_at AS "returnedAt",
              police_informed_at AS "policeInformedAt", policy, ladder
         FROM episode WHERE placing_council = $1 AND discovered_at >= $2::date - 1 AND discovered_at < $3::date + 2`,
      [council, start, end],
    );
    const ids = rows.map((r) => r.id);
    const [tasks, alerts] = await Promise.all([
      em.query(
        `SELECT episode_id AS "episodeId", kind, due_at AS "dueAt", hard_due_at AS "hardDueAt", completed_at AS "completedAt", refused
           FROM task WHERE episode_id = ANY($1::uuid[])`,
        [ids],
      ),
      em.query(
        `SELECT episode_id AS "episodeId", id = origin_alert_id AS "isOrigin", ack_deadline AS "ackDeadline",
                acknowledged_at AS "acknowledgedAt", delivered_at AS "deliveredAt"
           FROM alert WHERE episode_id = ANY($1::uuid[]) AND ask <> 'child-found'`,
        [ids],
      ),
    ]);
    const episodes = rows.map(({ policy, ladder, ...e }) => ({
      ...e, policeWithinSeconds: policy && ladder ? policeWithinSeconds(policy, ladder) : null,
    }));
    return { episodes, tasks, alerts };
  }
}
