import { describe, expect, it } from '@jest/globals';
import { claimValues, displayNameFrom, RoleMap, roleFor, scopeKindFor } from './council-roles.js';

const OAK = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const map = RoleMap.parse([
  { group: 'sg-oak-duty', role: 'home-duty-manager', scope: { kind: 'home', id: OAK } },
  { group: 'sg-team-managers', role: 'team-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } },
  { claim: 'employeeType', value: 'police-liaison', role: 'police-liaison-officer', scope: { kind: 'police-force', id: 'DEMO-FORCE' } },
  { group: 'sg-all-staff', role: 'social-worker', scope: { kind: 'council', id: 'DEMO-COUNCIL' } },
]);

describe('council roles: the first entry of the table that the claims match gives the role and scope', () => {
  it('maps a group in the groups claim to its role and scope', () => {
    expect(roleFor({ sub: 's1', groups: ['finance', 'sg-team-managers'] }, map, 'groups'))
      .toEqual({ role: 'team-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } });
  });

  it('the table order decides, not the order of the groups the provider lists', () => {
    const claims = { sub: 's1', groups: ['sg-all-staff', 'sg-team-managers', 'sg-oak-duty'] };
    expect(roleFor(claims, map, 'groups')?.role).toBe('home-duty-manager');
    expect(roleFor(claims, [...map].reverse(), 'groups')?.role).toBe('social-worker');
  });

  it('matches a value of another claim, a single string or one of a list', () => {
    expect(roleFor({ sub: 's', employeeType: 'police-liaison' }, map, 'groups')?.role).toBe('police-liaison-officer');
    expect(roleFor({ sub: 's', employeeType: ['contractor', 'police-liaison'] }, map, 'groups')?.scope).toEqual({ kind: 'police-force', id: 'DEMO-FORCE' });
  });

  it('gives nothing to groups the table does not name, to no groups claim, and to a groups claim of the wrong type', () => {
    expect(roleFor({ sub: 's', groups: ['finance', 'payroll'] }, map, 'groups')).toBeUndefined();
    expect(roleFor({ sub: 's' }, map, 'groups')).toBeUndefined();
    expect(roleFor({ sub: 's', groups: { 'sg-team-managers': true } }, map, 'groups')).toBeUndefined();
    expect(roleFor({ sub: 's', groups: [42, null, 'finance'] }, map, 'groups')).toBeUndefined();
  });

  it('a group name is matched exactly (no case folding, no prefixes)', () => {
    expect(roleFor({ sub: 's', groups: ['SG-TEAM-MANAGERS', 'sg-team-managers-old', 'sg-team'] }, map, 'groups')).toBeUndefined();
  });

  it('reads the groups from the configured claim, as a name or as a dotted path', () => {
    expect(roleFor({ sub: 's', roles: ['sg-oak-duty'] }, map, 'roles')?.role).toBe('home-duty-manager');
    expect(roleFor({ sub: 's', groups: ['sg-oak-duty'] }, map, 'roles')).toBeUndefined();
    expect(claimValues({ realm_access: { roles: ['a', 'b'] } }, 'realm_access.roles')).toEqual(['a', 'b']);
    expect(claimValues({ 'https://council.example/groups': ['x'] }, 'https://council.example/groups')).toEqual(['x']);
    expect(claimValues({ realm_access: ['roles'] }, 'realm_access.roles')).toEqual([]);
  });

  it('the role handed out is a copy: changing it cannot change the table', () => {
    const got = roleFor({ sub: 's', groups: ['sg-team-managers'] }, map, 'groups')!;
    got.scope.id = 'OTHER';
    expect(roleFor({ sub: 's', groups: ['sg-team-managers'] }, map, 'groups')!.scope.id).toBe('DEMO-COUNCIL');
  });
});

describe('council roles: the table is checked at start and names the entry that is wrong', () => {
  const issues = (raw: unknown) => {
    const r = RoleMap.safeParse(raw);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const good = { group: 'g', role: 'team-manager', scope: { kind: 'council', id: 'C' } };

  it('accepts a table of group and claim entries', () => {
    expect(issues([good, { claim: 'dept', value: 'police', role: 'control-room-inspector', scope: { kind: 'police-force', id: 'F' } }])).toEqual([]);
  });

  it('names an unknown role by its entry', () => {
    expect(issues([good, { ...good, role: 'superuser' }])).toEqual([expect.stringMatching(/^1\.role: /)]);
  });

  it('names a role held in the wrong kind of scope', () => {
    expect(issues([{ ...good, role: 'care-staff' }])).toEqual(['0.scope.kind: care-staff is held in a home scope, not council']);
    expect(issues([good, good, { ...good, role: 'police-liaison-officer' }])).toEqual(['2.scope.kind: police-liaison-officer is held in a police-force scope, not council']);
  });

  it('names an entry with neither or both ways of matching, or half a claim', () => {
    expect(issues([{ role: 'team-manager', scope: good.scope }])).toEqual(['0.group: give either group, or claim and value']);
    expect(issues([{ ...good, claim: 'dept', value: 'x' }])).toEqual(['0.group: give either group, or claim and value']);
    expect(issues([{ claim: 'dept', role: 'team-manager', scope: good.scope }])).toEqual(['0.value: claim and value go together']);
  });

  it('names a missing scope id, an unknown field and an empty table', () => {
    expect(issues([{ ...good, scope: { kind: 'council' } }])).toEqual([expect.stringMatching(/^0\.scope\.id: /)]);
    expect(issues([{ ...good, admin: true }])).toEqual([expect.stringMatching(/^0: .*admin/)]);
    expect(issues([])).toEqual([': list at least one entry']);
  });

  it('every role has the scope kind the escalation policy addresses it in', () => {
    expect([scopeKindFor('care-staff'), scopeKindFor('home-duty-manager')]).toEqual(['home', 'home']);
    expect(scopeKindFor('duty-superintendent')).toBe('police-force');
    expect(scopeKindFor('director')).toBe('council');
  });
});

describe('council roles: the display name', () => {
  it('takes name, else given and family names, else the username at the provider', () => {
    expect(displayNameFrom({ name: ' Dee Manager ', given_name: 'X' })).toBe('Dee Manager');
    expect(displayNameFrom({ given_name: 'Dee', family_name: 'Manager' })).toBe('Dee Manager');
    expect(displayNameFrom({ family_name: 'Manager' })).toBe('Manager');
    expect(displayNameFrom({ preferred_username: 'dmanager' })).toBe('dmanager');
  });

  it('says council staff when the provider gives no name, and keeps a long name to 100 characters', () => {
    expect(displayNameFrom({ name: 42 })).toBe('Council staff');
    expect(displayNameFrom({ name: 'x'.repeat(300) })).toHaveLength(100);
  });
});
