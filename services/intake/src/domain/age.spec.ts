import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ageAtDiscovery, ageOn } from './age.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const day = fc.integer({ min: Date.UTC(1990, 0, 1) / DAY, max: Date.UTC(2060, 11, 31) / DAY }).map((n) => n * DAY);
/** Dates of birth with 29 February drawn often, since that is where age arithmetic goes wrong. */
const birth = fc.oneof(
  day.map(iso),
  fc.constantFrom(1992, 1996, 2000, 2004, 2008, 2012, 2016, 2020).map((y) => `${y}-02-29`),
  fc.integer({ min: 1990, max: 2040 }).map((y) => `${y}-12-31`),
);
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** Whether `d` is the day a child born on `dob` gets a year older. */
const isBirthday = (dob: string, d: string) =>
  d.slice(5) === dob.slice(5) || (dob.slice(5) === '02-29' && d.slice(5) === '03-01' && !isLeap(Number(d.slice(0, 4))));

describe('age in whole years', () => {
  it('is never negative, whatever the two days', () => {
    fc.assert(fc.property(birth, day, (dob, d) => ageOn(dob, iso(d)) >= 0), { numRuns: 2_000 });
  });

  it('goes up by exactly one on each birthday (29 February: 1 March in a common year) and never otherwise', () => {
    fc.assert(fc.property(birth, day, (dob, d) => {
      const today = iso(d);
      const tomorrow = iso(d + DAY);
      fc.pre(today >= dob);
      expect(ageOn(dob, tomorrow) - ageOn(dob, today)).toBe(isBirthday(dob, tomorrow) ? 1 : 0);
    }), { numRuns: 5_000 });
  });

  it('is 0 on the day of birth and n on the n-th birthday', () => {
    fc.assert(fc.property(birth, fc.integer({ min: 1, max: 25 }), (dob, n) => {
      expect(ageOn(dob, dob)).toBe(0);
      const y = Number(dob.slice(0, 4)) + n;
      const nth = dob.slice(5) === '02-29' && !isLeap(y) ? `${y}-03-01` : `${y}${dob.slice(4)}`;
      expect(ageOn(dob, nth)).toBe(n);
      expect(ageOn(dob, iso(Date.parse(nth) - DAY))).toBe(n - 1);
    }));
  });

  it('turns 13 on 1 March for a child born on 29 February, and on 29 February in a leap year', () => {
    expect(ageOn('2012-02-29', '2025-02-28')).toBe(12);
    expect(ageOn('2012-02-29', '2025-03-01')).toBe(13);
    expect(ageOn('2011-02-28', '2024-02-28')).toBe(13);
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
  });

  it('counts the UK calendar day of discovery, not the UTC one', () => {
    // 23:30 UTC on 14 June is 00:30 on 15 June in London (BST): the birthday has come.
    expect(ageAtDiscovery('2013-06-15', new Date('2026-06-14T23:30:00Z'))).toBe(13);
    expect(ageAtDiscovery('2013-06-15', new Date('2026-06-14T22:30:00Z'))).toBe(12);
    // In winter the UK day is the UTC day.
    expect(ageAtDiscovery('2013-01-10', new Date('2026-01-09T23:30:00Z'))).toBe(12);
    expect(ageAtDiscovery('2013-01-10', new Date('2026-01-10T00:00:00Z'))).toBe(13);
  });
});
