import { describe, expect, it } from '@jest/globals';
import { ASK_LABELS, labelFrom, LEVEL_LABELS, ROLE_LABELS, TASK_LABELS } from './labels.js';

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
});
