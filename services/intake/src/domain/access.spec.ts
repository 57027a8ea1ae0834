import { describe, expect, it } from '@jest/globals';
import type { Role, Scope } from '@safeguard/contracts';
import { access } from './access.js';

const who = (role: Role, kind: Scope['kind'], id: string) => ({ role, scope: { kind, id } });
const child = { homeId: 'home-1', placingCouncil: 'PLACING', hostCouncil: 'HOST' };
const verdict = (f: () => void) => {
  try {
    f();
    return 'allowed';
  } catch (e) {
    const v = (e as { verdict: { hidden: boolean; field?: string } }).verdict;
    return `${v.hidden ? 404 : 403}${v.field ? ` ${v.field}` : ''}`;
  }
};

describe('intake access rules', () => {
  it('lets care staff act for their home\'s children and council staff for children their council places or hosts', () => {
    expect(access.may('child.act', who('care-staff', 'home', 'home-1'), child)).toBe(true);
    expect(access.may('child.act', who('care-staff', 'home', 'home-2'), child)).toBe(false);
    expect(access.may('child.act', who('social-worker', 'council', 'HOST'), child)).toBe(true);
    expect(access.may('child.act', who('social-worker', 'council', 'ELSEWHERE'), child)).toBe(false);
    expect(access.may('child.act', who('care-staff', 'council', 'PLACING'), child)).toBe(false);
    expect(access.may('child.act', who('police-liaison-officer', 'police-force', 'F1'), child)).toBe(false);
  });

  it('hides a child who does not exist or is not the caller\'s, naming the field on a report; refuses a register or move out of scope', () => {
    expect(verdict(() => access.assert('child.act', who('care-staff', 'home', 'home-1'), undefined))).toBe('404');
    expect(verdict(() => access.assert('child.report', who('care-staff', 'home', 'home-2'), { ...child, policeForce: 'F1' }))).toBe('404 body.childId');
    expect(verdict(() => access.assert('child.register', who('care-staff', 'home', 'home-2'), child))).toBe('403');
    expect(verdict(() => access.assert('child.move', who('social-worker', 'council', 'PLACING'), child))).toBe('allowed');
  });

  it('lets police of the home\'s force update an episode and read the pack only while one is open there', () => {
    const episode = { ...child, policeForce: 'F1' };
    expect(access.may('episode.update', who('police-liaison-officer', 'police-force', 'F1'), episode)).toBe(true);
    expect(access.may('episode.update', who('police-liaison-officer', 'police-force', 'F2'), episode)).toBe(false);
    expect(access.may('episode.return', who('police-liaison-officer', 'police-force', 'F1'), episode)).toBe(false);
    expect(access.may('episode.update', who('care-staff', 'home', 'home-1'), undefined)).toBe(false);
    expect(access.may('pack.read', who('police-liaison-officer', 'police-force', 'F1'), { child, openIn: 'F1' })).toBe(true);
    expect(access.may('pack.read', who('police-liaison-officer', 'police-force', 'F1'), { child, openIn: undefined })).toBe(false);
    expect(access.may('pack.read', who('care-staff', 'home', 'home-1'), { child, openIn: undefined })).toBe(true);
  });

  it('lists a home for its staff or council staff', () => {
    expect(access.may('home.list', who('care-staff', 'home', 'home-1'), 'home-1')).toBe(true);
    expect(verdict(() => access.assert('home.list', who('care-staff', 'home', 'home-2'), 'home-1'))).toBe('404');
    expect(access.may('home.list', who('social-worker', 'council', 'ANY'), 'home-1')).toBe(true);
  });

  it('shows insight to the council\'s own managers only, refusing with 403 naming query.council', () => {
    expect(access.may('insight.view', who('team-manager', 'council', 'C1'), 'C1')).toBe(true);
    expect(verdict(() => access.assert('insight.view', who('team-manager', 'council', 'C2'), 'C1'))).toBe('403 query.council');
    expect(verdict(() => access.assert('insight.view', who('social-worker', 'council', 'C1'), 'C1'))).toBe('403 query.council');
    expect(verdict(() => access.assert('insight.view', who('director', 'home', 'C1'), 'C1'))).toBe('403 query.council');
  });
});
