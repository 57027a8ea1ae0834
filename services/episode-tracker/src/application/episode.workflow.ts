import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Problem } from '@safeguard/platform';
import type { EntityManager } from 'typeorm';
import { Refused, type Decision, type RefusalReason } from '../domain/effects.js';
import { decide, type EpisodeEvent } from '../domain/engine.js';
import { EpisodeRepository } from '../repositories/episode.repository.js';
import { DecisionWriter } from './decision.writer.js';

const STATUS: Record<RefusalReason, 403 | 404 | 409> = {
  'unknown-alert': 404, 'unknown-task': 404, 'not-your-alert': 403, 'episode-closed': 409, 'nothing-to-acknowledge': 409, 'task-done': 409,
};

const TITLE: Record<RefusalReason, string> = {
  'unknown-alert': 'Alert not found', 'unknown-task': 'Task not found', 'not-your-alert': 'Not your alert',
  'episode-closed': 'Episode closed', 'nothing-to-acknowledge': 'Nothing to acknowledge', 'task-done': 'Task already done',
};

/** A refusal from the engine as the problem a caller sees (nothing has been written). */
export const asProblem = (r: Refused) => new Problem(STATUS[r.reason], TITLE[r.reason], r.message, { reason: r.reason });

/** Load an episode locked, let the engine decide, write the decision: every use case goes through here. */
@Injectable()
export class EpisodeWorkflow {
  constructor(
    private readonly episodes: EpisodeRepository,
    private readonly writer: DecisionWriter,
  ) {}

  async apply(em: EntityManager, episodeId: string, event: EpisodeEvent, now = new Date()): Promise<Decision | undefined> {
    const record = await this.episodes.load(em, episodeId);
    if (!record) return undefined;
    const decision = decide(record, event, now, randomUUID);
    await this.writer.write(em, decision, false, now, decision.record.episode.policy !== record.episode.policy);
    return decision;
  }

  /** As apply, with a refusal turned into its 4xx problem. */
  async command(em: EntityManager, episodeId: string, event: EpisodeEvent): Promise<Decision | undefined> {
    try {
      return await this.apply(em, episodeId, event);
    } catch (error) {
      throw error instanceof Refused ? asProblem(error) : error;
    }
  }
}
