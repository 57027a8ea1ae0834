import { describe, expect, it } from '@jest/globals';
import { ASK_LABELS, codesInWords, labelFrom, LEVEL_LABELS, ROLE_LABELS, TASK_LABELS, timelineName } from './labels.js';

describe('labels', () => {
  it('says each code in plain English', () => {
    expect(ROLE_LABELS['home-duty-manager']).toBe('Home duty manager');
    expect(ASK_LABELS['call-police-now']).toBe('Call the police now');
    expect(LEVEL_LABELS['very-low']).toBe('Very low');
    expect(TASK_LABELS['return-home-interview']).toBe('Return home interview');
  });

  it('shows an unknown code as it is, nothing as nothing, and never reads inherited properties', () => {
    const task = labelFrom(TASK_LABELS);
    expect([task('safe-and-well-check'), task('new-kind'), task(null), task('constructor')]).toEqual(['Safe-and-well check', 'new-kind', '', 'constructor']);
  });

  it('says the codes inside a timeline note in words, and its times in UK time', () => {
    expect(codesInWords('home-duty-manager did not acknowledge → duty-managers-manager')).toBe("Home duty manager did not acknowledge → duty manager's manager");
    expect(codesInWords('nrm-referral due 2026-07-01T12:05:00.000Z')).toBe('NRM referral due 1 Jul 2026, 13:05');
    expect(codesInWords('scored very-low, episode 7a1c2d3e-0000-4000-8000-000000000001, constructor')).toBe('Scored very low, episode 7a1c2d3e-0000-4000-8000-000000000001, constructor');
    expect(codesInWords('classification M, provisional level high from the profile, ladder T, policy default-v2'))
      .toBe('Classification missing: whereabouts unknown, provisional level high from the profile, ladder T: trafficked, suspected trafficked or separated child, policy default-v2');
    expect(codesInWords('level low → high, ladder S-low → S-high')).toBe('Level low → high, ladder S-low: low risk, or away → S-high: high risk');
    expect(codesInWords('A → M')).toBe('Away: whereabouts known, without permission → missing: whereabouts unknown');
    expect(codesInWords('reported: serious-police-incident')).toBe('Reported: the police were called to an incident the home considers serious');
    expect([timelineName('task-breached'), timelineName('something-new'), timelineName('toString')]).toEqual(['Task overdue', 'Something new', 'ToString']);
  });
});
