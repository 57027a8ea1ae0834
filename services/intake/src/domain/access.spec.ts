import { describe, expect, it } from '@jest/globals';
import type { Role, Scope } from '@safeguard/contracts';
import { outcome } from '@safeguard/platform/policy';
import { access, fieldsGiven } from './access.js';

const who = (role: Role, kind: Scope['kind'], id: string) => ({ role, scope: { kind, id } });
const child = { homeId: 'home-1', placingCouncil: 'PLACING', hostCouncil: 'HOST' };

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
    expect(outcome(access.verdict('child.act', who('care-staff', 'home', 'home-1'), undefined))).toBe('404');
    expect(outcome(access.verdict('child.report', who('care-staff', 'home', 'home-2'), child))).toBe('404 body.childId');
    expect(outcome(access.verdict('child.register', who('care-staff', 'home', 'home-2'), { ...child, homeCouncil: 'PLACING' }))).toBe('403 body.homeId');
    expect(outcome(access.verdict('child.register', who('social-worker', 'council', 'ELSEWHERE'), { ...child, homeCouncil: 'HOST' }))).toBe('403 body.placingCouncil');
    expect(outcome(access.verdict('child.move', who('social-worker', 'council', 'PLACING'), { before: child, after: child }))).toBe('allowed');
  });

  it("has care staff register only children placed by, and living in, their home's own council, naming the field otherwise", () => {
    const care = who('care-staff', 'home', 'home-1');
    const own = { homeId: 'home-1', placingCouncil: 'C1', hostCouncil: 'C1', homeCouncil: 'C1' };
    expect(outcome(access.verdict('child.register', care, own))).toBe('allowed');
    expect(outcome(access.verdict('child.register', care, { ...own, placingCouncil: 'C2' }))).toBe('403 body.placingCouncil');
    expect(outcome(access.verdict('child.register', care, { ...own, hostCouncil: 'C2' }))).toBe('403 body.hostCouncil');
    // Council staff of the host council may register a child placed from elsewhere.
    expect(outcome(access.verdict('child.register', who('social-worker', 'council', 'C1'), { ...own, placingCouncil: 'C2' }))).toBe('allowed');
    // Care staff keep a child's councils as they are, even for a child placed from elsewhere; other changes are theirs.
    const placedFromElsewhere = { homeId: 'home-1', placingCouncil: 'C2', hostCouncil: 'C1' };
    expect(outcome(access.verdict('child.move', care, { before: placedFromElsewhere, after: placedFromElsewhere }))).toBe('allowed');
    expect(outcome(access.verdict('child.move', care, { before: placedFromElsewhere, after: { ...placedFromElsewhere, placingCouncil: 'C1' } }))).toBe('403 body.placingCouncil');
    expect(outcome(access.verdict('child.move', care, { before: placedFromElsewhere, after: { ...placedFromElsewhere, homeId: 'home-2' } }))).toBe('403');
  });

  it('lets only the police of the home\'s force record their reference and grade, and only those acting for the child record the rest', () => {
    const episode = { ...child, policeForce: 'F1' };
    const police = who('police-liaison-officer', 'police-force', 'F1');
    const care = who('care-staff', 'home', 'home-1');
    expect(outcome(access.verdict('episode.update', police, { episode, fields: ['policeReference', 'policeGrade'] }))).toBe('allowed');
    expect(outcome(access.verdict('episode.update', police, { episode, fields: ['policeGrade', 'classification'] }))).toBe('403 body.classification');
    expect(outcome(access.verdict('episode.update', who('police-liaison-officer', 'police-force', 'F2'), { episode, fields: ['policeGrade'] }))).toBe('404');
    expect(outcome(access.verdict('episode.update', care, { episode, fields: ['addCircumstances', 'clothing'] }))).toBe('allowed');
    expect(outcome(access.verdict('episode.update', care, { episode, fields: ['clothing', 'policeGrade'] }))).toBe('403 body.policeGrade');
    expect(outcome(access.verdict('episode.update', who('team-manager', 'council', 'PLACING'), { episode, fields: ['policeReference'] }))).toBe('403 body.policeReference');
    expect(outcome(access.verdict('episode.update', care, { episode: undefined, fields: ['clothing'] }))).toBe('404');
    expect(access.may('episode.return', police, episode)).toBe(false);
  });

  it('names the fields an update gives, leaving out those not given and empty lists', () => {
    expect(fieldsGiven({ policeGrade: 'high', classification: undefined, addCircumstances: [], clothing: 'coat' })).toEqual(['policeGrade', 'clothing']);
    expect(fieldsGiven({ addCircumstances: ['new-phone'] })).toEqual(['addCircumstances']);
  });

  it('lets the police read the pack only while an episode is open in their force area', () => {
    expect(access.may('pack.read', who('police-liaison-officer', 'police-force', 'F1'), { child, openIn: 'F1' })).toBe(true);
    expect(access.may('pack.read', who('police-liaison-officer', 'police-force', 'F1'), { child, openIn: undefined })).toBe(false);
    expect(access.may('pack.read', who('care-staff', 'home', 'home-1'), { child, openIn: undefined })).toBe(true);
  });

  it('lists a home for its staff or council staff', () => {
    expect(access.may('home.list', who('care-staff', 'home', 'home-1'), 'home-1')).toBe(true);
    expect(outcome(access.verdict('home.list', who('care-staff', 'home', 'home-2'), 'home-1'))).toBe('404');
    expect(access.may('home.list', who('social-worker', 'council', 'ANY'), 'home-1')).toBe(true);
  });

  it('shows insight to the council\'s own managers only, refusing with 403 naming query.council', () => {
    expect(access.may('insight.view', who('team-manager', 'council', 'C1'), 'C1')).toBe(true);
    expect(outcome(access.verdict('insight.view', who('team-manager', 'council', 'C2'), 'C1'))).toBe('403 query.council');
    expect(outcome(access.verdict('insight.view', who('social-worker', 'council', 'C1'), 'C1'))).toBe('403 query.council');
    expect(outcome(access.verdict('insight.view', who('director', 'home', 'C1'), 'C1'))).toBe('403 query.council');
  });

  it('has those acting for the child record regulation 40 events, never the police', () => {
    const e = { ...child, policeForce: 'F1' };
    const fields = fieldsGiven({ notifiableEvents: ['serious-police-incident'], addCircumstances: [] });
    expect(outcome(access.verdict('episode.update', who('home-duty-manager', 'home', 'home-1'), { episode: e, fields }))).toBe('allowed');
    expect(outcome(access.verdict('episode.update', who('police-liaison-officer', 'police-force', 'F1'), { episode: e, fields }))).toBe('403 body.notifiableEvents');
  });

  it('briefs only the police of the force of an open episode, and answers everyone else as for no episode', () => {
    const open = { state: 'open' as const, policeForce: 'F1' };
    expect(outcome(access.verdict('briefing.read', who('duty-superintendent', 'police-force', 'F1'), open))).toBe('allowed');
    const refused = [
      access.verdict('briefing.read', who('duty-superintendent', 'police-force', 'F2'), open),
      access.verdict('briefing.read', who('police-liaison-officer', 'police-force', 'F1'), { ...open, state: 'returned' }),
      access.verdict('briefing.read', who('care-staff', 'home', 'home-1'), open),
      access.verdict('briefing.read', who('police-liaison-officer', 'police-force', 'F1'), undefined),
    ];
    expect(new Set(refused.map((v) => JSON.stringify(v))).size).toBe(1);
    expect(outcome(refused[0]!)).toBe('404');
  });
});
