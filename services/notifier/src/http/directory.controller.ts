import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Role, ScopeKind } from '@safeguard/contracts';
import { CurrentCaller, parseInput, Roles, type Caller } from '@safeguard/platform';
import { z } from 'zod';
import { DirectoryService } from '../application/directory.service.js';
import { ukMobile } from '../domain/contact.js';

const text = (max: number) => z.string().trim().min(1).max(max);
/** A UK mobile as people write it, stored in E.164. */
const Mobile = z.string().max(30).transform((s, ctx) => ukMobile(s) ?? (ctx.addIssue({ code: 'custom', message: 'a UK mobile number, e.g. 07700 900123' }), z.NEVER));
const PersonInput = z.strictObject({
  name: text(120), email: z.email().max(200), mobile: Mobile.optional(), role: Role, scope: z.strictObject({ kind: ScopeKind, id: text(64) }),
  defaultHolder: z.boolean().default(false), active: z.boolean().default(true),
});
const PersonPatch = z.strictObject({ email: z.email().max(200).optional(), mobile: Mobile.nullable().optional(), defaultHolder: z.boolean().optional(), active: z.boolean().optional() })
  .refine((p) => Object.keys(p).length > 0, 'nothing to update');
const ShiftInput = z.strictObject({
  personId: z.uuid(), startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }),
}).refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { path: ['endsAt'], message: 'must be after startsAt' })
  .refine((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) <= 7 * 86_400_000, { path: ['endsAt'], message: 'a shift is at most 7 days' });
const Id = z.strictObject({ id: z.uuid() });
const RotaQuery = z.strictObject({ role: Role.optional(), from: z.iso.datetime({ offset: true }).optional() });

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
    return this.directory.addPerson(caller, parseInput(PersonInput, body));
  }

  @Patch('people/:id')
  updatePerson(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parseInput(Id, params, 'path');
    return this.directory.updatePerson(caller, id, parseInput(PersonPatch, body));
  }

  @Get('rota')
  rota(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    return this.directory.rota(caller, parseInput(RotaQuery, query, 'query'));
  }

  /** A shift for a person in the role and scope they hold. */
  @Post('rota')
  @HttpCode(201)
  addShift(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.directory.addShift(caller, parseInput(ShiftInput, body));
  }
}
