import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import type { ChildInput } from '../domain/child.js';
import { ChildService } from '../application/child.service.js';
import { ChildRoutes as R } from './routes.js';

@Controller('api/v1')
export class ChildController {
  constructor(private readonly children: ChildService) {}

  @Post('children')
  @HttpCode(201)
  create(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.children.create(caller, parseInput(R.create.body, body));
  }

  @Get('children/:id')
  get(@CurrentCaller() caller: Caller, @Param() params: unknown) {
    return this.children.get(caller, parseInput(R.get.params, params, 'path').id);
  }

  @Patch('children/:id')
  update(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parseInput(R.update.params, params, 'path');
    const patch = parseInput(R.update.body, body);
    return this.children.update(caller, id, patch as Partial<ChildInput>);
  }

  @Get('homes/:homeId/children')
  list(@CurrentCaller() caller: Caller, @Param() params: unknown) {
    return this.children.listForHome(caller, parseInput(R.list.params, params, 'path').homeId);
  }

  @Get('homes/:homeId')
  home(@CurrentCaller() caller: Caller, @Param() params: unknown) {
    return this.children.home(caller, parseInput(R.home.params, params, 'path').homeId);
  }

  @Patch('homes/:homeId')
  updateHome(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    return this.children.updateHome(caller, parseInput(R.updateHome.params, params, 'path').homeId, parseInput(R.updateHome.body, body));
  }
}
