import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { isPoliceRole } from '@safeguard/contracts';
import { coversEpisode, CurrentCaller, parseInput, Problem, type Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { EpisodeRepository } from './episode.repository.js';
import { EscalationService } from './escalation.service.js';
import { scopeColumn } from './scope.js';

const Id = z.strictObject({ id: z.uuid() });
const AlertId = z.strictObject({ alertId: z.uuid() });
const EpisodeQuery = z.strictObject({ state: z.enum(['reported', 'open', 'located', 'returned', 'closed']).optional() });
const TaskQuery = z.strictObject({ due: z.enum(['overdue', 'today']).optional(), state: z.enum(['open', 'done']).optional() });
const PoliceReference = z.string().trim().regex(/^[A-Za-z0-9/-]{1,40}$/, 'letters, digits, / or -, up to 40');
const AckBody = z.strictObject({ policeReference: PoliceReference.optional() });
const TaskUpdate = z.strictObject({
  outcome: z.string().trim().min(1).max(2_000),
  attempts: z.int().min(0).max(50).default(1),
  refused: z.boolean().default(false),
});

@Controller('api/v1')
export class EpisodeController {
  private readonly repo = new EpisodeRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly escalation: EscalationService,
  ) {}

  @Get('episodes')
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { state } = parseInput(EpisodeQuery, query, 'query');
    const em = this.dataSource.manager;
    const episodes = await this.repo.episodes(em, { state, scopeKind: caller.scope.kind, scopeId: caller.scope.id });
    return {
      episodes: await Promise.all(episodes.map(async (e) => {
        const alerts = await this.repo.alerts(em, e.id);
        const tasks = await this.repo.tasksOf(em, e.id);
        const now = Date.now();
        return {
          ...this.summary(e),
          unacknowledgedAlerts: alerts.filter((a) => a.ackDeadline && !a.acknowledgedAt && a.ask !== 'child-found').length,
          overdueTasks: tasks.filter((t) => t.state === 'open' && new Date(t.dueAt).getTime() < now).length,
        };
      })),
    };
  }

  @Get('episodes/:id')
  async one(@CurrentCaller() caller: Caller, @Param() params: unknown) {
    const { id } = parseInput(Id, params, 'path');
    const em = this.dataSource.manager;
    const e = await this.repo.episode(em, id);
    if (!e || !coversEpisode(caller, e)) throw new Problem(404, 'Episode not found', 'No episode with this id in your scope');
    return {
      ...this.summary(e),
      factors: e.factors, overrides: e.overrides, policyVersion: (e.policy as { version?: string } | null)?.version ?? null,
      timeline: await this.repo.timeline(em, id),
      alerts: await this.repo.alerts(em, id),
      tasks: await this.repo.tasksOf(em, id),
    };
  }

  @Post('alerts/:alertId/acknowledge')
  @HttpCode(200)
  async acknowledge(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { alertId } = parseInput(AlertId, params, 'path');
    const { policeReference } = parseInput(AckBody, body ?? {});
    return this.dataSource.transaction(async (em) => {
      const alert = await this.repo.alert(em, alertId, true);
      if (!alert || alert.scopeKind !== caller.scope.kind || alert.scopeId !== caller.scope.id) {
        throw new Problem(404, 'Alert not found', 'No alert with this id in your scope');
      }
      if (alert.role !== caller.role) throw new Problem(403, 'Not your alert', `This alert is for the ${alert.role}`);
      if (isPoliceRole(alert.role) && !policeReference) throw Problem.invalid([{ name: 'body.policeReference', reason: 'required for police acknowledgements' }]);
      const recorded = await this.escalation.acknowledge(em, alert, `user:${caller.sub}`, new Date(), policeReference);
      return { alertId, acknowledged: true, alreadyAcknowledged: !recorded };
    });
  }

  /** Alerts waiting for the caller's acknowledgement (their role, their scope), latest attempt of each. */
  @Get('alerts/awaiting')
  async awaiting(@CurrentCaller() caller: Caller) {
    return { alerts: await this.repo.awaiting(this.dataSource.manager, caller.role, caller.scope.kind, caller.scope.id) };
  }

  @Get('tasks')
  async tasks(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { due, state } = parseInput(TaskQuery, query, 'query');
    const now = new Date();
    const dueBefore = due === 'overdue' ? now : due === 'today' ? new Date(now.getTime() + 86_400_000) : undefined;
    return { tasks: await this.repo.tasks(this.dataSource.manager, { scopeColumn: scopeColumn(caller), scopeId: caller.scope.id, state, dueBefore }) };
  }

  @Patch('tasks/:id')
  async completeTask(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parseInput(Id, params, 'path');
    const update = parseInput(TaskUpdate, body);
    return this.dataSource.transaction(async (em) => {
      const task = await this.repo.task(em, id, true);
      const e = task && (await this.repo.episode(em, task.episodeId));
      if (!task || !e || !coversEpisode(caller, e)) throw new Problem(404, 'Task not found', 'No task with this id in your scope');
      if (task.state === 'done') throw new Problem(409, 'Task already done', `Completed at ${new Date(task.completedAt!).toISOString()}`);
      const now = new Date();
      await this.repo.completeTask(em, id, { ...update, by: caller.sub, at: now });
      await this.repo.record(em, e.id, now, 'task-completed', `user:${caller.sub}`, `${task.kind}${update.refused ? ' (refused)' : ''}`);
      await this.escalation.changed(em, e, 'task-completed', now, { taskId: id, taskKind: task.kind as never });
      // The return interview (held, or refused and recorded) is the last statutory step: the episode closes.
      if (task.kind === 'return-home-interview' && e.state === 'returned') await this.escalation.close(em, e, caller.sub, now);
      return { ...task, ...update, state: 'done', completedAt: now, completedBy: caller.sub };
    });
  }

  private summary(e: Awaited<ReturnType<EpisodeRepository['episode']>> & object) {
    return {
      id: e.id, reference: e.reference, childId: e.childId, homeId: e.homeId, state: e.state, classification: e.classification,
      level: e.level, ladder: e.ladder, policeReference: e.policeReference, discoveredAt: e.discoveredAt, openedAt: e.openedAt,
      returnedAt: e.returnedAt, missingForMinutes: e.returnedAt ? null : Math.round((Date.now() - new Date(e.discoveredAt).getTime()) / 60_000),
    };
  }
}
