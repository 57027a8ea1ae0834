import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { z } from 'zod';
import { ChildInput } from '../domain/child.js';
import { ChildService } from '../application/child.service.js';

const Id = z.strictObject({ id: z.uuid() });
const HomeId = z.strictObject({ homeId: z.uuid() });
// A PATCH names only what changes; the merged record is validated as a whole by the service.
const ChildPatch = z.record(z.string(), z.unknown()).refine((o) => Object.keys(o).length > 0, 'nothing to update');

@Controller('api/v1')
export class ChildController {
  constructor(private readonly children: ChildService) {}

  @Post('children')
  @HttpCode(201)
  create(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.children.create(caller, parseInput(ChildInput, body));
  }

  @Get('children/:id')
  get(@CurrentCaller() caller: Caller, @Param() params: unknown) {
    return this.children.get(caller, parseInput(Id, params, 'path').id);
  }

  @Patch('children/:id')
  update(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parseInput(Id, params, 'path');
    const patch = parseInput(ChildPatch, body);
    return this.children.update(caller, id, patch as Partial<ChildInput>);
  }

  @Get('homes/:homeId/children')
  list(@CurrentCaller() caller: Caller, @Param() params: unknown) {
    return this.children.listForHome(caller, parseInput(HomeId, params, 'path').homeId);
  }
}
