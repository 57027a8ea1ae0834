/**
 * Working days in England and Wales: Monday to Friday, except bank holidays. Days are calendar days, 'YYYY-MM-DD'.
 * Bank holidays follow the standing rules (Banking and Financial Dealings Act 1971 and the annual proclamations), with
 * the one-off changes below; GOV.UK publishes the list (www.gov.uk/bank-holidays).
 */

type Day = string;

/** Bank holidays changed or added for one year only, by royal proclamation. */
const ONE_OFF: readonly ({ why: string; source: string } & ({ moved: { from: Day; to: Day } } | { extra: Day }))[] = [
  { extra: '2011-04-29', why: 'the royal wedding', source: 'GOV.UK bank holidays, 2011' },
  { moved: { from: '2012-05-28', to: '2012-06-04' }, why: 'spring bank holiday moved for the Diamond Jubilee', source: 'GOV.UK bank holidays, 2012' },
  { extra: '2012-06-05', why: 'the Diamond Jubilee', source: 'GOV.UK bank holidays, 2012' },
  { moved: { from: '2020-05-04', to: '2020-05-08' }, why: 'early May bank holiday moved to VE Day (75th anniversary)', source: 'GOV.UK bank holidays, 2020' },
  { moved: { from: '2022-05-30', to: '2022-06-02' }, why: 'spring bank holiday moved for the Platinum Jubilee', source: 'GOV.UK bank holidays, 2022' },
  { extra: '2022-06-03', why: 'the Platinum Jubilee', source: 'GOV.UK bank holidays, 2022' },
  { extra: '2022-09-19', why: 'the State Funeral of Queen Elizabeth II', source: 'GOV.UK bank holidays, 2022' },
  { extra: '2023-05-08', why: 'the coronation of King Charles III', source: 'GOV.UK bank holidays, 2023' },
];

const DAY_MS = 86_400_000;
const toTime = (day: Day) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const fromTime = (t: number): Day => new Date(t).toISOString().slice(0, 10);

/** The calendar day `n` days after `day` (before it when negative). */
export const addDays = (day: Day, n: number): Day => fromTime(toTime(day) + n * DAY_MS);

/** 0 Sunday … 6 Saturday. */
const weekday = (day: Day) => new Date(toTime(day)).getUTCDay();
const isWeekend = (day: Day) => weekday(day) === 0 || weekday(day) === 6;

const on = (year: number, month: number, date: number): Day => fromTime(Date.UTC(year, month - 1, date));

/** Easter Sunday (Gregorian calendar; the anonymous algorithm of Meeus, Jones and Butcher). */
function easterSunday(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return on(year, month, ((h + l - 7 * m + 114) % 31) + 1);
}

/** The first Monday on or after a day, and the last Monday on or before one. */
const mondayFrom = (day: Day) => addDays(day, (8 - weekday(day)) % 7);
const mondayUntil = (day: Day) => addDays(day, -((weekday(day) + 6) % 7));

/**
 * A year's bank holidays, in order. New Year's Day, Christmas Day and Boxing Day falling on a weekend are substituted
 * by the next weekday that is not already a bank holiday (Christmas on a Sunday: Boxing Day keeps Monday, Christmas
 * moves to Tuesday).
 */
function computeBankHolidays(year: number): Day[] {
  const easter = easterSunday(year);
  const days = new Set<Day>([
    addDays(easter, -2), addDays(easter, 1),
    mondayFrom(on(year, 5, 1)), mondayUntil(on(year, 5, 31)), mondayUntil(on(year, 8, 31)),
  ]);
  const fixed = [on(year, 1, 1), on(year, 12, 25), on(year, 12, 26)];
  for (const day of fixed) if (!isWeekend(day)) days.add(day);
  for (const day of fixed.filter(isWeekend)) {
    let substitute = addDays(day, 1);
    while (isWeekend(substitute) || days.has(substitute)) substitute = addDays(substitute, 1);
    days.add(substitute);
  }
  for (const change of ONE_OFF) {
    if ('moved' in change && change.moved.from.startsWith(`${year}-`)) {
      days.delete(change.moved.from);
      days.add(change.moved.to);
    }
    if ('extra' in change && change.extra.startsWith(`${year}-`)) days.add(change.extra);
  }
  return [...days].sort();
}

const byYear = new Map<number, ReadonlySet<Day>>();
const holidaysOf = (year: number): ReadonlySet<Day> => {
  if (!byYear.has(year)) byYear.set(year, new Set(computeBankHolidays(year)));
  return byYear.get(year)!;
};

/** The bank holidays of England and Wales in a year, in order. */
export const bankHolidays = (year: number): Day[] => [...holidaysOf(year)];

export const isWorkingDay = (day: Day): boolean => !isWeekend(day) && !holidaysOf(Number(day.slice(0, 4))).has(day);

/** The `n`th working day after `day` (n ≥ 1; `day` itself never counts, working day or not). */
export function addWorkingDays(day: Day, n: number): Day {
  let d = day;
  for (let left = n; left > 0; left -= isWorkingDay(d) ? 1 : 0) d = addDays(d, 1);
  return d;
}

/** How many working days there are after `from`, up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(from: Day, to: Day): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count += 1;
  return count;
}
