import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AssessmentRecord } from '../domain/assessment.js';

/** Every assessment, explained. */
@Injectable()
export class AssessmentRepository {
  async insert(em: EntityManager, a: AssessmentRecord) {
    await em.query(
      `INSERT INTO assessment (id, episode_id, level, score, factors, overrides, police_grade, ruleset_version, trigger,
         input_event_ids, assessed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [a.id, a.episodeId, a.level, a.score, JSON.stringify(a.factors), a.overrides, a.policeGrade, a.rulesetVersion,
        a.trigger, a.inputEventIds, a.assessedAt],
    );
  }

  /** An episode's assessments, oldest first. */
  async ofEpisode(em: EntityManager, episodeId: string): Promise<AssessmentRecord[]> {
    return em.query(
      `SELECT id, episode_id AS "episodeId", level, score, factors, overrides, police_grade AS "policeGrade",
              ruleset_version AS "rulesetVersion", trigger, input_event_ids AS "inputEventIds", assessed_at AS "assessedAt"
         FROM assessment WHERE episode_id = $1 ORDER BY assessed_at, id`,
      [episodeId],
    );
  }
}
