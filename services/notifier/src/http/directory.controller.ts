import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentCaller, parseInput, Roles, type Caller } from '@safeguard/platform';
import { DirectoryService } from '../application/directory.service.js';
import { DirectoryRoutes as R } from './routes.js';

/** The directory of people who receive alerts and the duty rota: managed by each council's administrators (domain/access.ts). */
@Roles('admin')
@Controller('api/v1')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('people')
  people(@CurrentCaller() caller: Caller) {
    return this.directory.people(caller);
  }

  @Post('people')
  @HttpCode(201)
  addPerson(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.directory.addPerson(caller, parseInput(R.addPerson.body, body));
  }

  @Patch('people/:id')
  updatePerson(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parseInput(R.updatePerson.params, params, 'path');
    return this.directory.updatePerson(caller, id, parseInput(R.updatePerson.body, body));
  }

  @Get('rota')
  rota(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    return this.directory.rota(caller, parseInput(R.rota.query, query, 'query'));
  }

  /** A shift for a person in the role and scope they hold. */
  @Post('rota')
  @HttpCode(201)
  addShift(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.directory.addShift(caller, parseInput(R.addShift.body, body));
  }
}
