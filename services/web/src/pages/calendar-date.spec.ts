import { describe, expect, it } from '@jest/globals';
import { ukDate } from './calendar-date.js';

describe('calendar dates on a page', () => {
  it('writes a date as GOV.UK does, whatever the time zone, and leaves anything else as it is', () => {
    expect([ukDate('2026-07-19'), ukDate('2026-03-29'), ukDate('2025-12-31')]).toEqual(['19 July 2026', '29 March 2026', '31 December 2025']);
    expect([ukDate(null), ukDate(undefined), ukDate(''), ukDate('not a date'), ukDate('2026-13-45')]).toEqual(['', '', '', 'not a date', '2026-13-45']);
  });
});
