import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { isPoliceRole, type EpisodeTrackerHttp, type Served } from '@safeguard/contracts';
import { CurrentCaller, parseInput, Problem, type Caller } from '@safeguard/platform';
import { AlertService } from '../application/alert.service.js';
import { TaskService } from '../application/task.service.js';
import { ViewsService } from '../application/views.service.js';
import { EpisodeRoutes as R } from './routes.js';

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
    return this.views.episodes(caller, parseInput(R.list.query, query, 'query').state);
  }

  @Get('episodes/:id')
  one(@CurrentCaller() caller: Caller, @Param() params: unknown): Promise<Served<EpisodeTrackerHttp.EpisodeDetail>> {
    return this.views.episode(caller, parseInput(R.one.params, params, 'path').id);
  }

  @Post('alerts/:alertId/acknowledge')
  @HttpCode(200)
  acknowledge(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { alertId } = parseInput(R.acknowledge.params, params, 'path');
    const { policeReference } = parseInput(R.acknowledge.body, body ?? {});
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
    return this.views.tasks(caller, parseInput(R.tasks.query, query, 'query'));
  }

  @Patch('tasks/:id')
  completeTask(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parseInput(R.completeTask.params, params, 'path');
    return this.tasks.complete(caller, id, parseInput(R.completeTask.body, body));
  }
}
