import { Injectable } from '@nestjs/common';
import type { Caller } from '@safeguard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { EscalationClock } from '../clock/escalation.clock.js';
import { access } from '../domain/access.js';
import { EpisodeRepository } from '../repositories/episode.repository.js';
import { ViewsRepository } from '../repositories/views.repository.js';
import { EpisodeWorkflow } from './episode.workflow.js';

export interface TaskOutcome {
  outcome: string;
  attempts: number;
  refused: boolean;
}

/** Statutory follow-ups: recording an outcome, and a deadline passing with the task still open. */
@Injectable()
export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly episodes: EpisodeRepository,
    private readonly views: ViewsRepository,
    private readonly workflow: EpisodeWorkflow,
    private readonly clock: EscalationClock,
  ) {}

  async complete(caller: Caller, taskId: string, update: TaskOutcome) {
    const result = await this.dataSource.transaction(async (em) => {
      const now = new Date();
      const task = await this.views.taskPlace(em, taskId);
      // Hidden when not the caller's to see; refused (403) when their role does not record this kind of task.
      access.assert('completeTask', caller, { episode: task, kind: task?.kind, now });
      const { episodeId } = task!;
      await this.workflow.command(em, episodeId, { kind: 'task-completed', taskId, by: `user:${caller.sub}` });
      await this.episodes.completeTask(em, taskId, { ...update, by: caller.sub, at: now });
      return this.views.task(em, taskId);
    });
    await this.clock.wake();
    return result;
  }

  async deadlinePassed(em: EntityManager, episodeId: string, taskId: string) {
    await this.workflow.apply(em, episodeId, { kind: 'task-due', taskId });
  }
}
