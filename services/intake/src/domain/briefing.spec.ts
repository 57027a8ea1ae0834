import { describe, expect, it } from '@jest/globals';
import { IntakeHttp } from '@safeguard/contracts';
import { policeBriefing, recordedReport, type BriefingEpisode } from './briefing.js';
import { childRecord, ChildInput } from './child.js';
import { InformationPack } from './information-pack.js';

const child = childRecord('5e0c1a1e-0000-4000-8000-00000000000a', ChildInput.parse({
  homeId: '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001', givenName: 'Zara', familyName: 'Testchild', dateOfBirth: '2011-04-02',
  placingCouncil: 'DEMO-COUNCIL', hostCouncil: 'DEMO-COUNCIL', placementStart: '2026-11-20', accommodation: 'supported-accommodation',
  legalStatus: 's20-voluntary', uasc: true, separated: true, arrivalDate: '2026-10-01', firstLanguage: 'Tigrinya', essentialMedication: 'inhaler',
  socialWorker: { name: 'Sol Worker', phone: '01632 960000' },
  trafficking: { status: 'nrm-referred', referredOn: '2026-11-20' }, ictg: { status: 'referred', referredOn: '2026-11-21', contact: 'ICTG duty line' },
}), 3);

const episode: BriefingEpisode = {
  episodeId: '9a0c1a1e-0000-4000-8000-000000000001', reference: 'MFC-2026-000042', childId: child.id, state: 'open', classification: 'M',
  discoveredAt: new Date('2026-11-30T21:10:00Z'), reportedAt: new Date('2026-11-30T21:15:00Z'), updatedAt: new Date('2026-11-30T23:00:00Z'),
  policeReference: null, policeGrade: null, lastSeen: { at: new Date('2026-11-30T20:00:00Z'), where: 'Corner shop', by: 'Key worker Jo' },
  circumstances: ['new-phone'], notifiableEvents: ['serious-police-incident'], facts: { clothing: 'green parka', mayBeWith: 'an older man' },
  policeForce: 'DEMO-FORCE', home: { name: 'Oak House', phone: '01632 960001' },
  homeId: child.homeId, placingCouncil: child.placingCouncil, hostCouncil: child.hostCouncil, placingCouncilName: 'Demo Council',
};

const part1 = InformationPack.parse({ identity: { otherNames: ['Z'] }, physicalDescription: { height: '150 cm' }, warningMarkers: ['runs when approached'] });

describe('the police briefing', () => {
  it('gives Part 1, the photograph\'s date, Part 2 as updated and who to call, in the shape the console reads', () => {
    const b = IntakeHttp.PoliceBriefing.parse(policeBriefing(episode, child, { part1, photoType: 'image/jpeg', photoTakenOn: '2026-11-01', updatedAt: new Date() }, '2026-12-01'));
    expect(b.part1).toMatchObject({ identity: { otherNames: ['Z'] }, warningMarkers: ['runs when approached'], associates: [] });
    expect(b.photo).toEqual({ takenOn: '2026-11-01' });
    expect(b.part2).toEqual({
      lastSeen: { at: '2026-11-30T20:00:00.000Z', where: 'Corner shop', by: 'Key worker Jo' }, circumstances: ['new-phone'],
      notifiableEvents: ['serious-police-incident'], clothing: 'green parka', mayBeWith: 'an older man', updatedAt: '2026-11-30T23:00:00.000Z',
    });
    expect(b.child).toMatchObject({
      age: 15, accommodation: 'supported-accommodation', firstLanguage: 'Tigrinya', essentialMedication: 'inhaler', arrivalDate: '2026-10-01',
      socialWorker: { name: 'Sol Worker', phone: '01632 960000' },
      // Referred Friday 20 November: the Reasonable Grounds decision is due the Friday after.
      trafficking: { status: 'nrm-referred', referredOn: '2026-11-20', reasonableGroundsOn: null, conclusiveGroundsOn: null, reasonableGroundsDueOn: '2026-11-27' },
      ictg: { status: 'referred', referredOn: '2026-11-21', contact: 'ICTG duty line' },
    });
    expect([b.home, b.readFor, b.audited, b.episode.reference]).toEqual([{ name: 'Oak House', phone: '01632 960001' }, episode.episodeId, true, 'MFC-2026-000042']);
  });

  it('says who to call when there is no Part 1 or photograph, and ages the child on the UK day', () => {
    const b = IntakeHttp.PoliceBriefing.parse(policeBriefing({ ...episode, home: { name: 'Oak House', phone: null } }, child, undefined, '2027-04-02'));
    expect([b.part1, b.photo, b.home, b.child.age]).toEqual([null, null, { name: 'Oak House', phone: null }, 16]);
    // A pack without a photograph has no photo date.
    expect(policeBriefing(episode, child, { part1, photoType: null, photoTakenOn: null, updatedAt: new Date() }, '2026-12-01').photo).toBeNull();
  });

  it('has no due date once a Reasonable Grounds decision is recorded', () => {
    const decided = { ...child, traffickingStatus: 'reasonable-grounds' as const, reasonableGroundsOn: '2026-11-25' };
    expect(policeBriefing(episode, decided, undefined, '2026-12-01').child.trafficking).toMatchObject({ reasonableGroundsOn: '2026-11-25', reasonableGroundsDueOn: null });
  });

  it('shows those acting for the child the same Part 2 as the police, without the pack or the child\'s identity', () => {
    const r = IntakeHttp.AbsenceReport.parse(recordedReport(episode));
    expect(r).toEqual({ episodeId: episode.episodeId, reference: 'MFC-2026-000042', state: 'open', classification: 'M',
      part2: policeBriefing(episode, child, undefined, '2026-12-01').part2 });
    expect(JSON.stringify(r)).not.toMatch(/Zara|Oak House|01632/);
  });
});
