import { describe, expect, it } from '@jest/globals';
import { ukLocalToIso, ukNowLocal } from './time.js';

describe('UK wall-clock times', () => {
  it('reads winter times as GMT and summer times as BST', () => {
    expect(ukLocalToIso('2026-11-25T02:30')).toBe('2026-11-25T02:30:00.000Z');
    expect(ukLocalToIso('2026-07-01T02:30')).toBe('2026-07-01T01:30:00.000Z');
    expect(ukLocalToIso('not a time')).toBeUndefined();
  });

  it('formats now for a datetime-local field', () => {
    expect(ukNowLocal(new Date('2026-07-01T12:05:00Z'))).toBe('2026-07-01T13:05');
  });
});
