import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Role, ScopeKind } from '@safeguard/contracts';
import { parseInput, Problem, Roles } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { z } from 'zod';
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
const PERSON = `id, name, email, mobile, role, scope_kind AS "scopeKind", scope_id AS "scopeId", active, default_holder AS "defaultHolder"`;

/** The directory of people who receive alerts and the duty rota: managed by administrators. */
@Roles('admin')
@Controller('api/v1')
export class DirectoryController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('people')
  people() {
    return this.dataSource.query(`SELECT ${PERSON} FROM person ORDER BY role, scope_id, name LIMIT 2000`);
  }

  @Post('people')
  @HttpCode(201)
  async addPerson(@Body() body: unknown) {
    const p = parseInput(PersonInput, body);
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO person (id, name, email, mobile, role, scope_kind, scope_id, active, default_holder) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, p.name, p.email, p.mobile ?? null, p.role, p.scope.kind, p.scope.id, p.active, p.defaultHolder],
    );
    return { id, ...p };
  }

  @Patch('people/:id')
  async updatePerson(@Param() params: unknown, @Body() body: unknown) {
    const { id } = parseInput(Id, params, 'path');
    const p = parseInput(PersonPatch, body);
    const [rows] = await this.dataSource.query(
      `UPDATE person SET email = coalesce($2, email), default_holder = coalesce($3, default_holder), active = coalesce($4, active),
              mobile = CASE WHEN $5 THEN $6 ELSE mobile END
        WHERE id = $1 RETURNING ${PERSON}`,
      [id, p.email ?? null, p.defaultHolder ?? null, p.active ?? null, p.mobile !== undefined, p.mobile ?? null],
    );
    if (!rows.length) throw new Problem(404, 'Person not found', 'No person with this id');
    return rows[0];
  }

  @Get('rota')
  rota(@Query() query: unknown) {
    const q = parseInput(RotaQuery, query, 'query');
    return this.dataSource.query(
      `SELECT s.id, s.person_id AS "personId", p.name, s.role, s.scope_kind AS "scopeKind", s.scope_id AS "scopeId",
              s.starts_at AS "startsAt", s.ends_at AS "endsAt"
         FROM rota_shift s JOIN person p ON p.id = s.person_id
        WHERE ($1::text IS NULL OR s.role = $1) AND s.ends_at > coalesce($2::timestamptz, now()) ORDER BY s.starts_at LIMIT 2000`,
      [q.role ?? null, q.from ?? null],
    );
  }

  /** A shift for a person in the role and scope they hold. */
  @Post('rota')
  @HttpCode(201)
  async addShift(@Body() body: unknown) {
    const s = parseInput(ShiftInput, body);
    const [person] = await this.dataSource.query('SELECT role, scope_kind AS "scopeKind", scope_id AS "scopeId" FROM person WHERE id = $1 AND active', [s.personId]);
    if (!person) throw Problem.invalid([{ name: 'body.personId', reason: 'unknown or inactive person' }]);
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO rota_shift (id, person_id, role, scope_kind, scope_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, s.personId, person.role, person.scopeKind, person.scopeId, s.startsAt, s.endsAt],
    );
    return { id, ...s, ...person };
  }
}
