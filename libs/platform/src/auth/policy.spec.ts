import { describe, expect, it } from '@jest/globals';
import { AccessDenied, allow, definePolicy, hide, inScope, outcome, refuse, type Verdict, type Who } from './policy.js';

const home = (id: string): Who => ({ role: 'care-staff', scope: { kind: 'home', id } });
const council = (id: string): Who => ({ role: 'team-manager', scope: { kind: 'council', id } });

describe('the access policy helper', () => {
  const policy = definePolicy({
    read: (who, place: { home: string; council: string }) => (inScope(who, { home: place.home, council: place.council }) ? allow : hide('Not found', 'not in your scope')),
    manage: (who, council: string) => (who.role === 'team-manager' && inScope(who, { council }) ? allow : refuse('Not allowed', 'managers only', 'query.council')),
  });

  it('allows what a rule allows, and says no otherwise', () => {
    expect(policy.may('read', home('H1'), { home: 'H1', council: 'C1' })).toBe(true);
    expect(policy.may('read', council('C1'), { home: 'H1', council: 'C1' })).toBe(true);
    expect(policy.may('read', home('H2'), { home: 'H1', council: 'C1' })).toBe(false);
    expect(policy.may('manage', council('C2'), 'C1')).toBe(false);
  });

  it('assert throws the verdict: hidden (404) or refused naming the field (403)', () => {
    expect(() => policy.assert('read', home('H2'), { home: 'H1', council: 'C1' })).toThrow(AccessDenied);
    const refusal = (() => { try { policy.assert('manage', home('H1'), 'C1'); } catch (e) { return (e as AccessDenied).verdict; } })();
    expect(refusal).toEqual({ allowed: false, hidden: false, title: 'Not allowed', detail: 'managers only', field: 'query.council' });
    const hidden = (() => { try { policy.assert('read', home('H2'), { home: 'H1', council: 'C1' }); } catch (e) { return (e as AccessDenied).verdict; } })();
    expect(hidden?.hidden).toBe(true);
  });

  it('verdict answers as assert would, without throwing; outcome reads it as the HTTP answer', () => {
    expect(policy.verdict('read', home('H1'), { home: 'H1', council: 'C1' })).toEqual(allow);
    expect(policy.verdict('manage', home('H1'), 'C1')).toEqual({ allowed: false, hidden: false, title: 'Not allowed', detail: 'managers only', field: 'query.council' });
    expect(policy.verdict('read', home('H2'), { home: 'H1', council: 'C1' })).toMatchObject({ allowed: false, hidden: true });
    expect([
      outcome(policy.verdict('read', home('H1'), { home: 'H1', council: 'C1' })),
      outcome(policy.verdict('manage', home('H1'), 'C1')),
      outcome(policy.verdict('read', home('H2'), { home: 'H1', council: 'C1' })),
      outcome(refuse('Not allowed', 'no field')),
      outcome({ ...hide('Not found', 'not yours'), field: 'body.childId' } as Verdict),
    ]).toEqual(['allowed', '403 query.council', '404', '403', '404 body.childId']);
  });

  it('a scope is one place: a council covers any of the councils given, never a home or force of the same id', () => {
    expect(inScope(council('C2'), { council: ['C1', 'C2'] })).toBe(true);
    expect(inScope(council('H1'), { home: 'H1' })).toBe(false);
    expect(inScope({ scope: { kind: 'police-force', id: 'F1' } }, { policeForce: 'F1', council: 'F1' })).toBe(true);
    expect(inScope(council('C1'), { council: [null, undefined] })).toBe(false);
  });
});
