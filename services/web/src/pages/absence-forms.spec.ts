import { describe, expect, it } from '@jest/globals';
import { circumstanceItems, foundByItems, readNewFacts, readReport, readReturn } from './absence-forms.js';

const CHILD = '5e0c1a1e-0000-4000-8000-000000000002';
const at = (prefix: string, day: string, hour = '21') =>
  ({ [`${prefix}-day`]: day, [`${prefix}-month`]: '3', [`${prefix}-year`]: '2026', [`${prefix}-hour`]: hour, [`${prefix}-minute`]: '30' });

describe('what the report, new-facts and return forms send', () => {
  it('sends a report with its UK times as instants, and a time it cannot read as missing, with its message', () => {
    const ok = readReport(CHILD, { classification: 'A', ...at('lastSeen', '27'), ...at('discovered', '27', '22'), lastSeenWhere: ' Shop ', lastSeenBy: 'Staff',
      circumstances: 'new-phone', clothing: '  ' });
    expect(ok.body).toEqual({ childId: CHILD, classification: 'A', lastSeen: { at: '2026-03-27T21:30:00.000Z', where: 'Shop', by: 'Staff' },
      discoveredAt: '2026-03-27T22:30:00.000Z', circumstances: ['new-phone'] });
    expect([ok.found.any, ok.send]).toEqual([false, true]);

    const wrong = readReport(CHILD, { ...at('lastSeen', '31'), ...at('discovered', '27'), 'lastSeen-month': '2' });
    expect(wrong.body.lastSeen).toEqual({ at: undefined, where: '', by: '' });
    expect(wrong.form.lastSeen).toEqual({ day: '31', month: '2', year: '2026', hour: '21', minute: '30' });
    expect(wrong.found.summary).toEqual([{ text: 'The date they were last seen must be a real date', href: '#lastSeen-day' }]);
  });

  it('sends only the new facts given, A→M only from A, and refuses a form with none', () => {
    const f = { reclassify: 'M', addCircumstances: ['new-phone', 'night-time'], notifiableEvents: 'serious-police-incident', tookWith: ' Rucksack ', clothing: '' };
    expect(readNewFacts(f, { classification: 'A' }).body).toEqual({ classification: 'M', addCircumstances: ['new-phone', 'night-time'],
      notifiableEvents: ['serious-police-incident'], tookWith: 'Rucksack' });
    expect(readNewFacts({ ...f, reclassify: 'A' }, { classification: 'A' }).body).not.toHaveProperty('classification');
    expect(readNewFacts(f, { classification: 'M' }).body).not.toHaveProperty('classification');
    const none = readNewFacts({ reclassify: 'M', mayBeWith: ' ' }, { classification: 'M' });
    expect([none.send, none.found.summary]).toEqual([false, [{ text: 'Select or enter at least one new fact', href: '#addCircumstances' }]]);
  });

  it('sends the return with harm and, when ticked, the safe-and-well check; an unanswered harm question is sent missing, for intake to name with the rest', () => {
    const f = { ...at('located', '27'), ...at('returned', '27', '22'), where: 'Bus station', by: 'PC', foundBy: 'police', harmDuringEpisode: 'yes' };
    expect(readReturn(f)).toMatchObject({ send: true, safeAndWellChecked: false, body: { locatedAt: '2026-03-27T21:30:00.000Z',
      returnedAt: '2026-03-27T22:30:00.000Z', where: 'Bus station', by: 'PC', foundBy: 'police', harmDuringEpisode: true } });
    expect(readReturn(f).body).not.toHaveProperty('safeAndWellCheck');
    const checked = readReturn({ ...f, harmDuringEpisode: 'no', safeAndWellDone: 'yes', ...at('safeAndWell', '28', '09'), safeAndWellBy: 'PC 1234' });
    expect(checked.body).toMatchObject({ harmDuringEpisode: false, safeAndWellCheck: { at: '2026-03-28T09:30:00.000Z', by: 'PC 1234' } });
    const unanswered = readReturn({ ...f, harmDuringEpisode: undefined, safeAndWellDone: 'yes' });
    expect([unanswered.send, unanswered.body]).toEqual([true, expect.not.objectContaining({ harmDuringEpisode: expect.anything() })]);
    expect(unanswered.found.summary.map((e) => e.href)).toEqual(['#harmDuringEpisode', '#safeAndWell-day']);
  });

  it('offers the choices in words, with those chosen ticked', () => {
    expect(circumstanceItems(['new-phone']).find((i) => i.value === 'new-phone')).toEqual({ value: 'new-phone', text: 'Has a new phone', checked: true });
    expect(circumstanceItems([]).map((i) => i.value as string)).not.toContain('whereabouts-known');
    expect(foundByItems('police')[0]).toEqual({ value: 'police', text: 'The police', checked: true });
  });
});
