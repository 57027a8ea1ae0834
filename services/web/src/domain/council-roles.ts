import { HOME_ROLES, isPoliceRole, Role, Scope } from '@safeguard/contracts';
import { z } from 'zod';

/**
 * Who a person signed in through the council's identity provider is in the console: their role and scope, read from
 * the provider's claims by the council's own table (OIDC_ROLE_MAP). The provider says who someone is and which groups
 * they are in; this table, not the provider, says what that lets them do here.
 */

/** The scope kind a role is held in, as the escalation policy addresses it (a home, a council or a police force). */
export const scopeKindFor = (role: Role): Scope['kind'] =>
  HOME_ROLES.includes(role) ? 'home' : isPoliceRole(role) ? 'police-force' : 'council';

const text = z.string().min(1).max(256);

/**
 * One row of the table: a group in the groups claim (OIDC_GROUPS_CLAIM), or a value of any other claim, gives one
 * role in one scope: `{group, role, scope}` or `{claim, value, role, scope}`.
 */
export const RoleMapEntry = z
  .strictObject({ group: text.optional(), claim: text.optional(), value: text.optional(), role: Role, scope: Scope })
  .superRefine((e, ctx) => {
    if ((e.group === undefined) === (e.claim === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['group'], message: 'give either group, or claim and value' });
    } else if ((e.claim === undefined) !== (e.value === undefined)) {
      ctx.addIssue({ code: 'custom', path: [e.claim === undefined ? 'claim' : 'value'], message: 'claim and value go together' });
    }
    const kind = scopeKindFor(e.role);
    if (e.scope.kind !== kind) ctx.addIssue({ code: 'custom', path: ['scope', 'kind'], message: `${e.role} is held in a ${kind} scope, not ${e.scope.kind}` });
  });
export type RoleMapEntry = z.infer<typeof RoleMapEntry>;

/** The whole table, in order: the first entry that matches wins, so the council lists its most specific rows first. */
export const RoleMap = z.array(RoleMapEntry).min(1, 'list at least one entry');
export type RoleMap = z.infer<typeof RoleMap>;

export type Claims = Readonly<Record<string, unknown>>;

/** A claim by name; a name that is not a claim but has dots (`realm_access.roles`) is looked up as a path. */
function claimAt(claims: Claims, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let at: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** A claim's values: a string is one value, a list keeps its strings; anything else holds none. */
export function claimValues(claims: Claims, name: string): string[] {
  const v = claimAt(claims, name);
  return typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The role and scope the first matching entry gives, or nothing: a person the table does not name cannot sign in. */
export function roleFor(claims: Claims, map: RoleMap, groupsClaim: string): { role: Role; scope: Scope } | undefined {
  const groups = new Set(claimValues(claims, groupsClaim));
  const match = map.find((e) => (e.group !== undefined ? groups.has(e.group)
    : e.claim !== undefined && e.value !== undefined && claimValues(claims, e.claim).includes(e.value)));
  return match && { role: match.role, scope: { kind: match.scope.kind, id: match.scope.id } };
}

/** The name the console shows for the person: `name`, else given and family names, else their username there. */
export function displayNameFrom(claims: Claims): string {
  const text = (k: string) => (typeof claims[k] === 'string' ? (claims[k] as string).trim() : '');
  const name = text('name') || [text('given_name'), text('family_name')].filter(Boolean).join(' ') || text('preferred_username');
  return (name || 'Council staff').slice(0, 100);
}
