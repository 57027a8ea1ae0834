import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { PackService } from '../application/pack.service.js';
import { PackRoutes as R, PhotoTakenOn } from './routes.js';

@Controller('api/v1/children/:id/information-pack')
export class PackController {
  constructor(private readonly packs: PackService) {}

  @Put()
  put(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    return this.packs.put(caller, parseInput(R.put.params, params, 'path').id, parseInput(R.put.body, body));
  }

  @Get()
  get(@CurrentCaller() caller: Caller, @Param() params: unknown) {
    return this.packs.get(caller, parseInput(R.get.params, params, 'path').id);
  }

  /** The photograph as the raw image body (JPEG, PNG or WebP), with the date it was taken; kept re-encoded, without metadata. */
  @Put('photo')
  photo(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown, @Headers('photo-taken-on') takenOn: unknown) {
    const { id } = parseInput(R.putPhoto.params, params, 'path');
    return this.packs.putPhoto(caller, id, body as Buffer, parseInput(PhotoTakenOn, takenOn, 'header.Photo-Taken-On'));
  }

  @Get('photo')
  async getPhoto(@CurrentCaller() caller: Caller, @Param() params: unknown, @Res() res: { type(t: string): { send(b: Buffer): void }; setHeader(k: string, v: string): void }) {
    const { bytes, type } = await this.packs.photo(caller, parseInput(R.getPhoto.params, params, 'path').id);
    res.setHeader('cache-control', 'no-store');
    res.type(type).send(bytes);
  }
}
