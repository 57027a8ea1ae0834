import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import type { IntakeHttp } from '@safeguard/contracts';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { AbsenceService } from '../application/absence.service.js';
import { BriefingService } from '../application/briefing.service.js';
import { AbsenceRoutes as R, IdempotencyKey } from './routes.js';

@Controller('api/v1/absences')
export class AbsenceController {
  constructor(
    private readonly absences: AbsenceService,
    private readonly briefings: BriefingService,
  ) {}

  @Post()
  @HttpCode(201)
  async report(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: { status(n: number): void },
  ) {
    const idempotencyKey = parseInput(IdempotencyKey, key, 'header.Idempotency-Key');
    const input = parseInput(R.report.body, body);
    const result = await this.absences.report(caller, input, idempotencyKey);
    if (result.replayed) res.status(200);
    return {
      episodeId: result.episodeId,
      reference: result.reference,
      next: 'Call the police now on 999 and give them this reference and the information pack.',
    };
  }

  @Patch(':episodeId')
  update(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { episodeId } = parseInput(R.update.params, params, 'path');
    return this.absences.update(caller, episodeId, parseInput(R.update.body, body));
  }

  @Post(':episodeId/return')
  @HttpCode(200)
  returned(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { episodeId } = parseInput(R.returned.params, params, 'path');
    return this.absences.returned(caller, episodeId, parseInput(R.returned.body, body));
  }

  @Get(':episodeId')
  recorded(@CurrentCaller() caller: Caller, @Param() params: unknown): Promise<IntakeHttp.AbsenceReport> {
    return this.briefings.recorded(caller, parseInput(R.get.params, params, 'path').episodeId);
  }

  /** The police briefing: Part 1, Part 2 and who to call at the home, for the force of the home's area while the child is missing. */
  @Get(':episodeId/briefing')
  briefing(@CurrentCaller() caller: Caller, @Param() params: unknown): Promise<IntakeHttp.PoliceBriefing> {
    return this.briefings.read(caller, parseInput(R.briefing.params, params, 'path').episodeId);
  }
}
