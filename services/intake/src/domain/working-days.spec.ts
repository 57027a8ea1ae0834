import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, addWorkingDays, bankHolidays, isWorkingDay, workingDaysAfter } from './working-days.js';
import { reasonableGroundsDueOn } from './nrm.js';

// GOV.UK's published bank holidays for England and Wales (www.gov.uk/bank-holidays), copied by hand.
const GOV_UK: Record<number, string[]> = {
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2022: ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
  2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const day = fc.integer({ min: Date.UTC(2015, 0, 1) / DAY, max: Date.UTC(2045, 11, 31) / DAY }).map((n) => iso(n * DAY));
const isWeekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / DAY;

describe('bank holidays in England and Wales', () => {
  it.each(Object.entries(GOV_UK))('%s is the list GOV.UK publishes', (year, list) => {
    expect(bankHolidays(Number(year))).toEqual(list);
  });

  it('substitutes a weekend New Year, Christmas or Boxing Day with the next weekday not already a holiday', () => {
    expect(bankHolidays(2021).filter((d) => d.startsWith('2021-12-'))).toEqual(['2021-12-27', '2021-12-28']); // Sat and Sun
    expect(bankHolidays(2028)[0]).toBe('2028-01-03'); // 1 January a Saturday
    expect(bankHolidays(2033).filter((d) => d.startsWith('2033-12-'))).toEqual(['2033-12-26', '2033-12-27']); // Christmas a Sunday
  });

  it('never falls on a weekend, and holds 8 days a year but for the one-off changes', () => {
    for (let year = 2015; year <= 2045; year += 1) {
      const list = bankHolidays(year);
      expect({ year, weekend: list.filter(isWeekend) }).toEqual({ year, weekend: [] });
      expect({ year, n: list.length }).toEqual({ year, n: { 2022: 10, 2023: 9 }[year] ?? 8 });
    }
  });
});

describe('working days', () => {
  it('are weekdays that are not bank holidays', () => {
    expect(['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29'].map(isWorkingDay))
      .toEqual([true, false, false, false, false, true]);
  });

  it('count after a day up to and including another', () => {
    expect(workingDaysAfter('2026-12-24', '2026-12-29')).toBe(1);
    expect(workingDaysAfter('2026-12-24', '2026-12-24')).toBe(0);
    expect(workingDaysAfter('2026-12-29', '2026-12-24')).toBe(0);
  });

  it('put the Reasonable Grounds decision on the 5th working day after the referral', () => {
    expect(reasonableGroundsDueOn('2026-11-16')).toBe('2026-11-23'); // Monday → next Monday
    expect(reasonableGroundsDueOn('2026-11-20')).toBe('2026-11-27'); // Friday → next Friday
    expect(reasonableGroundsDueOn('2026-11-21')).toBe('2026-11-27'); // Saturday: Monday is the first
    expect(reasonableGroundsDueOn('2026-12-22')).toBe('2026-12-31'); // over Christmas: 23, 24, 29, 30, 31
    expect(reasonableGroundsDueOn('2026-03-31')).toBe('2026-04-09'); // over Easter: 1, 2, 7, 8, 9
  });

  it('never make a due date fall on a weekend or bank holiday', () => {
    fc.assert(fc.property(day, (d) => {
      const due = reasonableGroundsDueOn(d);
      expect({ due, weekend: isWeekend(due), holiday: bankHolidays(Number(due.slice(0, 4))).includes(due) }).toEqual({ due, weekend: false, holiday: false });
    }), { numRuns: 2_000 });
  });

  it('put the due date strictly after the start, with exactly n working days from the start to it', () => {
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 30 }), (d, n) => {
      const due = addWorkingDays(d, n);
      expect(due > d).toBe(true);
      expect(workingDaysAfter(d, due)).toBe(n);
    }), { numRuns: 2_000 });
  });

  it('are monotone: a later start or more working days never gives an earlier day', () => {
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 }), (d, later, n, more) => {
      expect(addWorkingDays(addDays(d, later), n) >= addWorkingDays(d, n)).toBe(true);
      expect(addWorkingDays(d, n + more) >= addWorkingDays(d, n)).toBe(true);
    }), { numRuns: 2_000 });
  });

  it('span at least 7 calendar days for 5 of them from a working day (a weekend always falls between)', () => {
    fc.assert(fc.property(day, (d) => {
      fc.pre(isWorkingDay(d));
      expect(daysBetween(d, addWorkingDays(d, 5))).toBeGreaterThanOrEqual(7);
    }), { numRuns: 2_000 });
    // From a weekend day the first working day is Monday: a referral on Sunday is due on Friday.
    expect(daysBetween('2026-11-22', addWorkingDays('2026-11-22', 5))).toBe(5);
  });
});
