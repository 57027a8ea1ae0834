import { Body, Controller, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { z } from 'zod';
import { AbsenceReportInput, AbsenceUpdateInput, ReturnInput } from '../domain/absence-report.js';
import { AbsenceService } from '../application/absence.service.js';

const EpisodeId = z.strictObject({ episodeId: z.uuid() });
// Bound for 24 hours to the request it first came with (domain/idempotency.ts): the same request again is answered
// 200 with the first episode, another request with the key 422, and one sent while the first is still being recorded 409.
const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, '8-128 letters, digits, - or _').optional();

@Controller('api/v1/absences')
export class AbsenceController {
  constructor(private readonly absences: AbsenceService) {}

  @Post()
  @HttpCode(201)
  async report(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: { status(n: number): void },
  ) {
    const idempotencyKey = parseInput(IdempotencyKey, key, 'header.Idempotency-Key');
    const input = parseInput(AbsenceReportInput, body);
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
    const { episodeId } = parseInput(EpisodeId, params, 'path');
    return this.absences.update(caller, episodeId, parseInput(AbsenceUpdateInput, body));
  }

  @Post(':episodeId/return')
  @HttpCode(200)
  returned(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { episodeId } = parseInput(EpisodeId, params, 'path');
    return this.absences.returned(caller, episodeId, parseInput(ReturnInput, body));
  }
}
