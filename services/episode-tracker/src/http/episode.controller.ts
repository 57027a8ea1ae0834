import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { isPoliceRole, PoliceReference, type EpisodeTrackerHttp, type Served } from '@safeguard/contracts';
import { CurrentCaller, parseInput, Problem, type Caller } from '@safeguard/platform';
import { z } from 'zod';
import { AlertService } from '../application/alert.service.js';
import { TaskService } from '../application/task.service.js';
import { ViewsService } from '../application/views.service.js';

const Id = z.strictObject({ id: z.uuid() });
const AlertId = z.strictObject({ alertId: z.uuid() });
const EpisodeQuery = z.strictObject({ state: z.enum(['open', 'returned', 'closed']).optional() });
const TaskQuery = z.strictObject({ due: z.enum(['overdue', 'today']).optional(), state: z.enum(['open', 'done']).optional() });
const AckBody = z.strictObject({ policeReference: PoliceReference.optional() });
const TaskUpdate = z.strictObject({
  outcome: z.string().trim().min(1).max(2_000),
  attempts: z.int().min(0).max(50).default(1),
  refused: z.boolean().default(false),
});

/** Parse, then one application call. */
@Controller('api/v1')
export class EpisodeController {
  constructor(
    private readonly views: ViewsService,
    private readonly alerts: AlertService,
    private readonly tasks: TaskService,
  ) {}

  @Get('episodes')
  list(@CurrentCaller() caller: Caller, @Query() query: unknown): Promise<Served<EpisodeTrackerHttp.EpisodeList>> {
    return this.views.episodes(caller, parseInput(EpisodeQuery, query, 'query').state);
  }

  @Get('episodes/:id')
  one(@CurrentCaller() caller: Caller, @Param() params: unknown): Promise<Served<EpisodeTrackerHttp.EpisodeDetail>> {
    return this.views.episode(caller, parseInput(Id, params, 'path').id);
  }

  @Post('alerts/:alertId/acknowledge')
  @HttpCode(200)
  acknowledge(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { alertId } = parseInput(AlertId, params, 'path');
    const { policeReference } = parseInput(AckBody, body ?? {});
    if (isPoliceRole(caller.role) && !policeReference) throw Problem.invalid([{ name: 'body.policeReference', reason: 'required for police acknowledgements' }]);
    return this.alerts.acknowledge(caller, alertId, policeReference);
  }

  /** Alerts waiting for the caller's acknowledgement (their role, their scope), latest attempt of each. */
  @Get('alerts/awaiting')
  awaiting(@CurrentCaller() caller: Caller): Promise<Served<EpisodeTrackerHttp.AwaitingAlerts>> {
    return this.views.awaiting(caller);
  }

  @Get('tasks')
  taskList(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    return this.views.tasks(caller, parseInput(TaskQuery, query, 'query'));
  }

  @Patch('tasks/:id')
  completeTask(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parseInput(Id, params, 'path');
    return this.tasks.complete(caller, id, parseInput(TaskUpdate, body));
  }
}
