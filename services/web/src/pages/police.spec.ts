import { describe, expect, it } from '@jest/globals';
import { IntakeHttp } from '@safeguard/contracts';
import { patrolSheet } from '../domain/patrol-sheet.js';
import { render } from '../render.js';
import { ukDate } from './calendar-date.js';
import { readPoliceFacts } from './police.controller.js';

const EPISODE = '7d3c2b1a-0000-4000-8000-00000000e001';
const CHILD = '5e0c1a1e-0000-4000-8000-000000000001';

/** A briefing as intake serves it, parsed by the console's contract. */
const briefing = (over: Record<string, unknown> = {}) => IntakeHttp.PoliceBriefing.parse({
  episode: {
    episodeId: EPISODE, reference: 'MFC-2026-000042', state: 'open', classification: 'M', discoveredAt: '2026-07-19T21:40:00Z',
    reportedAt: '2026-07-19T21:45:00Z', policeReference: null, policeGrade: 'high',
  },
  child: {
    childId: CHILD, givenName: 'Amina', familyName: 'Example', dateOfBirth: '2011-05-02', age: 15, legalStatus: 's20-voluntary',
    placingCouncil: 'DEMO-COUNCIL', placingCouncilName: 'Demo Council', accommodation: 'supported-accommodation', uasc: true, separated: true, arrivalDate: '2026-06-19',
    ageAssessment: 'pending', firstLanguage: 'Tigrinya', otherLanguages: ['Arabic'], medicalNeeds: 'Asthma',
    essentialMedication: 'Salbutamol inhaler, twice a day', socialWorker: { name: 'Sol Worker', phone: '01632 960000' },
    trafficking: { status: 'nrm-referred', referredOn: '2026-07-13', reasonableGroundsOn: null, conclusiveGroundsOn: null, reasonableGroundsDueOn: '2026-07-20' },
    ictg: { status: 'allocated', referredOn: '2026-07-14', contact: 'ICTG duty line 0800 000 0000' },
  },
  part1: {
    identity: { otherNames: ['Mina'], gender: 'female', nationality: 'Eritrean', homeOfficeReference: 'HO-123', interpreterLanguage: 'Tigrinya' },
    physicalDescription: { height: 'about 160 cm', build: 'slim', hair: 'short, dark', eyes: 'brown', marksScarsTattoos: 'Scar on left hand' },
    vulnerabilities: ['New to the area'], warningMarkers: ['May run from uniformed officers'],
    associates: [
      { name: 'Aunt Selam', relationship: 'family', ofConcern: false },
      { name: 'Unknown man <b>', relationship: 'adult of concern', phone: '07700 900123', address: '2 Mill Lane', ofConcern: true },
      { name: 'Friend A', relationship: 'friend', phone: '07700 900001', ofConcern: false },
      { name: 'Friend B', relationship: 'friend', ofConcern: false },
    ],
    placesFrequented: [{ place: 'Central station', riskNotes: 'Approached by adults here' }, { place: 'Library' }],
    phones: [{ number: '07700 900555', handset: 'Black Samsung', billPayer: 'Unknown' }],
    socialMedia: ['@mina_example'], moneyAndTravelCards: ['Bus pass'], usualTransport: 'Bus 42',
    previousEpisodes: [{ from: '2026-06-30', to: '2026-07-01', foundWhere: 'Central station', withWhom: 'Unknown man' }],
  },
  photo: { takenOn: '2026-07-01' },
  recordedEpisodes: [{
    reference: 'MFC-2026-000017', discoveredAt: '2026-06-30T20:00:00Z', returnedAt: '2026-07-01T09:30:00Z', foundWhere: 'Car wash on Mill Lane',
    foundBy: 'police', mayHaveBeenWith: 'Older man in a silver car', harmDuringEpisode: true,
  }],
  part2: {
    lastSeen: { at: '2026-07-19T21:00:00Z', where: 'Lounge', by: 'Night worker' },
    circumstances: ['contact-from-unknown-adults', 'whereabouts-known'], notifiableEvents: ['sexual-exploitation-suspected'],
    clothing: 'Grey hoodie', tookWith: 'Phone charger', mayBeWith: 'Unknown man from the station', actionsTaken: 'Searched the grounds',
    updatedAt: '2026-07-19T22:10:00Z',
  },
  home: { name: 'Oak House', phone: '01632 960001' },
  readFor: EPISODE,
  audited: true,
  ...over,
});

const page = (b: IntakeHttp.PoliceBriefing) =>
  render('briefing', { b, alertLevel: 'high', s: patrolSheet(b, 'high'), ageAssessment: 'Awaiting an age assessment', ukDate, printedAt: '2026-07-19T22:15:00Z' });

/** The text a page shows, in one line (markup dropped). */
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

describe('the police briefing page', () => {
  it('shows Part 1 in full and Part 2 in words, says the read was recorded, and escapes what people typed', () => {
    const html = page(briefing());
    const t = text(html);
    for (const words of [
      'recorded with your name, role and the time, for episode MFC-2026-000042', 'Mina', 'Eritrean', 'HO-123', 'Tigrinya', 'Arabic',
      'Accommodated by agreement (section 20)', 'Supported accommodation (Ofsted-registered, 16 and 17)', 'Unaccompanied asylum-seeking child',
      'Awaiting an age assessment', 'Referred to the National Referral Mechanism', '13 July 2026', 'Awaited: due 20 July 2026',
      'Guardian allocated, referred 14 July 2026', 'ICTG duty line', 'Asthma', 'Salbutamol inhaler', 'about 160 cm', 'Scar on left hand',
      'New to the area', 'May run from uniformed officers', '2 Mill Lane', 'Approached by adults here', 'Black Samsung', '@mina_example',
      'Bus pass', 'Bus 42', '30 June 2026 to 1 July 2026', 'Photograph taken 1 July 2026',
      'Missing: whereabouts unknown', 'Phone or online contact from unknown adults', 'The child has been, or may have been, sexually exploited',
      'Grey hoodie', 'Phone charger', 'Unknown man from the station', 'Searched the grounds', 'Night worker',
      'Earlier episodes recorded in Safeguard', 'Demo Council', 'MFC-2026-000017', 'Car wash on Mill Lane', 'The police', 'Older man in a silver car',
    ]) expect(t).toContain(words);
    for (const code of ['nrm-referred', 's20-voluntary', 'contact-from-unknown-adults', 'whereabouts-known', 'sexual-exploitation-suspected', 'supported-accommodation', 'pending'])
      expect(t).not.toContain(code);
    expect(html).toContain('Unknown man &lt;b&gt;');
    expect(html).toMatch(/Unknown man &lt;b&gt;\s*<strong class="govuk-tag govuk-tag--red[^"]*">\s*Of concern/);
    expect(html).toContain('href="tel:01632960001"');
    expect(html).toContain(`src="/police/children/${CHILD}/photo"`);
    expect(html).toContain('<script type="module" src="/static/print.js"></script>');
  });

  it('without Part 1: Part 2, and a plain message naming the home and its phone', () => {
    const t = text(page(briefing({ part1: null, photo: null })));
    expect(t).toContain('There is no Part 1 of the information pack for Amina Example. For anything else the home knows, call Oak House on 01632 960001');
    expect(t).toContain('Grey hoodie');
    expect(t).not.toContain('Marks, scars and tattoos');
    expect(page(briefing({ part1: null }))).toMatch(/id="no-part1">[\s\S]*href="tel:01632960001"/);
  });

  it('prints one sheet for patrols: three associates (the one of concern first), the places, risk, medication and whom to call', () => {
    const html = page(briefing());
    const sheet = text(html.slice(html.indexOf('<div class="sg-patrol">')));
    expect(sheet).toContain('Missing child: Amina Example');
    expect(sheet).toContain('High (police grade)');
    expect(sheet).toMatch(/Unknown man &lt;b&gt; \(of concern\).*Friend A.*Aunt Selam/);
    expect(sheet).not.toContain('Friend B');
    expect(sheet).toContain('Salbutamol inhaler');
    expect(sheet).toContain('call Oak House on 01632 960001, quoting episode MFC-2026-000042');
  });
});

describe('the police reference and grade form', () => {
  it('sends only what was given, and names the field that is wrong, keeping what was typed', () => {
    expect(readPoliceFacts({ policeReference: ' DF/2026/4242 ', policeGrade: 'medium' }).update).toEqual({ policeReference: 'DF/2026/4242', policeGrade: 'medium' });
    expect(readPoliceFacts({ policeGrade: 'high' }).update).toEqual({ policeGrade: 'high' });
    const bad = readPoliceFacts({ policeReference: 'DF 2026 #1', policeGrade: 'urgent' });
    expect(bad.errors.summary).toEqual([
      { text: 'The police reference number must only include letters, numbers, / and -', href: '#policeReference' },
      { text: 'Select the police risk grade', href: '#policeGrade' },
    ]);
    expect(bad.form.policeReference).toBe('DF 2026 #1');
    expect(readPoliceFacts({}).errors.byField).toEqual({ policeReference: 'Enter the police reference number or select the police risk grade' });
    expect(readPoliceFacts({ policeReference: 'A'.repeat(41) }).errors.byField.policeReference).toBe('The police reference number must be 40 characters or fewer');
  });

  it('renders the error summary linking to the field, the message by it and the value typed; then the confirmation with the reference', () => {
    const { form, errors } = readPoliceFacts({ policeReference: 'DF 2026 #1' });
    const html = render('police-update', {
      episodeId: EPISODE, reference: 'MFC-2026-000042', form, errors: errors.summary, fieldErrors: errors.byField,
      gradeItems: [{ value: 'high', text: 'High' }],
    });
    expect(html).toContain('href="#policeReference"');
    expect(html).toMatch(/id="policeReference-error"[\s\S]*The police reference number must only include/);
    expect(html).toContain('value="DF 2026 #1"');
    const done = render('police-update', { done: true, episodeId: EPISODE, reference: 'MFC-2026-000042' });
    expect(done).toMatch(/govuk-panel[\s\S]*MFC-2026-000042/);
  });
});

describe('the NRM watch page', () => {
  it('tags each child overdue (in working days), due, and missing now, and explains the 5 working days', () => {
    const w = IntakeHttp.NrmWatch.parse({
      council: 'DEMO-COUNCIL',
      children: [
        { childId: CHILD, givenName: 'Amina', familyName: 'Example', referredOn: '2026-07-06', reasonableGroundsDueOn: '2026-07-13', workingDaysOverdue: 4, overdue: true, missingNow: true },
        { childId: EPISODE, givenName: 'Daniel', familyName: 'Sample', referredOn: '2026-07-16', reasonableGroundsDueOn: '2026-07-23', workingDaysOverdue: 0, overdue: false, missingNow: false },
      ],
    });
    const t = text(render('nrm-watch', { w, ukDate }));
    expect(t).toContain('within 5 working days of the referral; working days leave out weekends and England and Wales bank holidays');
    expect(t).toContain('Amina Example Missing now 6 July 2026 Overdue by 4 working days Was due 13 July 2026');
    expect(t).toContain('Daniel Sample 16 July 2026 Due 23 July 2026');
    expect(t.match(/Missing now/g)).toHaveLength(1);
    expect(text(render('nrm-watch', { w: { council: 'X', children: [] }, ukDate }))).toContain('No child referred by your council is waiting');
  });

  it('shows a child referred before referral dates were kept as waiting, with the due date unknown until the date is recorded', () => {
    const w = IntakeHttp.NrmWatch.parse({ council: 'DEMO-COUNCIL', children: [
      { childId: CHILD, givenName: 'Amina', familyName: 'Example', referredOn: null, reasonableGroundsDueOn: null, workingDaysOverdue: 0, overdue: false, missingNow: false },
    ] });
    expect(text(render('nrm-watch', { w, ukDate }))).toContain(
      "Amina Example Not recorded Due date unknown Record the referral date on the child's record to see when it is due");
  });
});
