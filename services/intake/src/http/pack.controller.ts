import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { CalendarDate } from '@safeguard/contracts';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { z } from 'zod';
import { InformationPack } from '../domain/information-pack.js';
import { PackService } from '../application/pack.service.js';

const Id = z.strictObject({ id: z.uuid() });
const TakenOn = CalendarDate.refine((d) => d <= new Date().toISOString().slice(0, 10), 'is in the future');

@Controller('api/v1/children/:id/information-pack')
export class PackController {
  constructor(private readonly packs: PackService) {}

  @Put()
  put(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    return this.packs.put(caller, parseInput(Id, params, 'path').id, parseInput(InformationPack, body));
  }

  @Get()
  get(@CurrentCaller() caller: Caller, @Param() params: unknown) {
    return this.packs.get(caller, parseInput(Id, params, 'path').id);
  }

  /** The photograph as the raw image body (JPEG, PNG or WebP), with the date it was taken; kept re-encoded, without metadata. */
  @Put('photo')
  photo(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown, @Headers('photo-taken-on') takenOn: unknown) {
    const { id } = parseInput(Id, params, 'path');
    return this.packs.putPhoto(caller, id, body as Buffer, parseInput(TakenOn, takenOn, 'header.Photo-Taken-On'));
  }

  @Get('photo')
  async getPhoto(@CurrentCaller() caller: Caller, @Param() params: unknown, @Res() res: { type(t: string): { send(b: Buffer): void }; setHeader(k: string, v: string): void }) {
    const { bytes, type } = await this.packs.photo(caller, parseInput(Id, params, 'path').id);
    res.setHeader('cache-control', 'no-store');
    res.type(type).send(bytes);
  }
}
