/**
 * The demo council: two homes and four children with fictional names (no real person) and phone numbers from Ofcom's
 * range for drama (01632 960000 to 960999), which never reach anyone. Daniel was referred to the NRM long enough ago for
 * the Reasonable Grounds decision to be overdue; Jordan yesterday, so it is not yet due.
 */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const yearsAgo = (n: number) => daysAgo(Math.round(n * 365.25));

export const DEMO_COUNCIL = 'DEMO-COUNCIL';
export const DEMO_FORCE = 'DEMO-FORCE';
export const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
export const BIRCH_LODGE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0002';

const child = (id: string, laChildId: string, homeId: string, over: Record<string, unknown>) => ({
  id, laChildId, homeId, placingCouncil: DEMO_COUNCIL, hostCouncil: DEMO_COUNCIL, accommodation: 'childrens-home',
  ageAssessment: 'not-required', traffickingStatus: 'none', traffickingSince: null, nrmReferredOn: null, reasonableGroundsOn: null,
  conclusiveGroundsOn: null, ictgStatus: 'not-referred', ictgReferredOn: null, ictgContact: null, uasc: false, separated: false,
  arrivalDate: null, concerns: [] as string[], profileVersion: 1, placementStart: daysAgo(200), legalStatus: 's20-voluntary',
  details: { socialWorker: { name: 'Sol Worker', phone: '01632 960000' }, otherLanguages: [] }, ...over,
});

export const DEMO = {
  councils: [{ code: DEMO_COUNCIL, name: 'Demo Council' }],
  forces: [{ code: DEMO_FORCE, name: 'Demo Constabulary' }],
  homes: [
    { id: OAK_HOUSE, name: 'Oak House', councilCode: DEMO_COUNCIL, policeForceCode: DEMO_FORCE, phone: '01632 960001' },
    { id: BIRCH_LODGE, name: 'Birch Lodge', councilCode: DEMO_COUNCIL, policeForceCode: DEMO_FORCE, phone: '01632 960002' },
  ],
  children: [
    child('5e0c1a1e-0000-4000-8000-000000000001', 'DEMO0001', OAK_HOUSE, {
      givenName: 'Amina', familyName: 'Example', dateOfBirth: yearsAgo(15.2), placementStart: daysAgo(2),
      traffickingStatus: 'suspected', traffickingSince: daysAgo(2), uasc: true, separated: true, arrivalDate: daysAgo(30),
      ageAssessment: 'pending', concerns: ['little-or-no-english'],
    }),
    child('5e0c1a1e-0000-4000-8000-000000000002', 'DEMO0002', OAK_HOUSE, {
      givenName: 'Daniel', familyName: 'Sample', dateOfBirth: yearsAgo(16.4), uasc: true, separated: true,
      arrivalDate: daysAgo(120), concerns: ['agent-debt-or-oath'],
      traffickingStatus: 'nrm-referred', traffickingSince: daysAgo(20), nrmReferredOn: daysAgo(20),
      ictgStatus: 'allocated', ictgReferredOn: daysAgo(20), ictgContact: 'Demo ICTG service, 01632 960123',
    }),
    child('5e0c1a1e-0000-4000-8000-000000000003', 'DEMO0003', BIRCH_LODGE, {
      givenName: 'Jordan', familyName: 'Placeholder', dateOfBirth: yearsAgo(16.1),
      traffickingStatus: 'nrm-referred', traffickingSince: daysAgo(1), nrmReferredOn: daysAgo(1),
    }),
    child('5e0c1a1e-0000-4000-8000-000000000004', 'DEMO0004', BIRCH_LODGE, {
      givenName: 'Sam', familyName: 'Fictional', dateOfBirth: yearsAgo(12.3), accommodation: 'foster-care',
    }),
  ],
};

/** A fictional Part 1 pack for each demo child, so the police view has something to show. */
export const demoPack = (firstLanguage: string) => ({
  identity: { otherNames: [], gender: 'not recorded', nationality: 'not recorded', interpreterLanguage: firstLanguage },
  physicalDescription: { height: 'about 160 cm', build: 'slim', hair: 'short, dark', eyes: 'brown' },
  vulnerabilities: ['new to the area'], warningMarkers: [], associates: [], placesFrequented: [], phones: [], socialMedia: [],
  moneyAndTravelCards: [], previousEpisodes: [],
});
