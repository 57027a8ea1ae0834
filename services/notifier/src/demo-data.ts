/** The demo council's people who receive alerts (fictional addresses on a reserved domain, fictional mobiles). */
const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const BIRCH_LODGE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0002';
// `council`: whose directory lists them (its administrators manage them): the demo council's, but for the host council's team.
const person = (n: number, name: string, role: string, scopeKind: string, scopeId: string, council = 'DEMO-COUNCIL') => ({
  id: `7a11ce00-0000-4000-8000-${String(n).padStart(12, '0')}`, name, email: `${name.toLowerCase().replace(/ /g, '.')}@demo-council.example`,
  // Ofcom's drama range (07700 900000-900999), never allocated; from 900301, clear of GOV.UK Notify's test numbers
  // (900000, 900111, 900222 are accepted and never reported; 900002 and 900003 fail).
  mobile: `+447700900${String(300 + n)}`, role, scopeKind, scopeId, active: true, defaultHolder: true, council,
});

export const DEMO_PEOPLE = [
  person(1, 'Priya Duty', 'home-duty-manager', 'home', OAK_HOUSE),
  person(2, 'Tom Duty', 'home-duty-manager', 'home', BIRCH_LODGE),
  person(3, 'Grace Oncall', 'on-call-manager', 'council', 'DEMO-COUNCIL'),
  person(4, 'Ruth Manager', 'duty-managers-manager', 'council', 'DEMO-COUNCIL'),
  person(5, 'Sol Worker', 'social-worker', 'council', 'DEMO-COUNCIL'),
  person(6, 'Pat Liaison', 'police-liaison-officer', 'police-force', 'DEMO-FORCE'),
  person(7, 'Kim Inspector', 'control-room-inspector', 'police-force', 'DEMO-FORCE'),
  person(8, 'Lee Teamlead', 'team-manager', 'council', 'DEMO-COUNCIL'),
  person(9, 'Ada Director', 'assistant-director', 'council', 'DEMO-COUNCIL'),
  person(10, 'Sam Service', 'service-manager', 'council', 'DEMO-COUNCIL'),
  person(11, 'Dee Director', 'director', 'council', 'DEMO-COUNCIL'),
  person(12, 'Omar Outofhours', 'out-of-hours-team', 'council', 'DEMO-COUNCIL'),
  person(13, 'Sue Superintendent', 'duty-superintendent', 'police-force', 'DEMO-FORCE'),
  person(14, 'Ivy Guardian', 'ictg-service', 'council', 'DEMO-COUNCIL'),
  person(15, 'Nat Responder', 'nrm-first-responder', 'council', 'DEMO-COUNCIL'),
  person(16, 'Ian Reviewer', 'iro', 'council', 'DEMO-COUNCIL'),
  person(17, 'Cal Chair', 'strategy-meeting-chair', 'council', 'DEMO-COUNCIL'),
  person(18, 'Meg Senior', 'senior-management', 'council', 'DEMO-COUNCIL'),
  person(19, 'Hal Host', 'out-of-hours-team', 'council', 'HOST-COUNCIL', 'HOST-COUNCIL'),
  person(20, 'Rae Interviews', 'return-interview-worker', 'council', 'DEMO-COUNCIL'),
];
