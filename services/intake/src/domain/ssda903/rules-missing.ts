import { blank, parseDfeDate, type MissingRow } from './tables.js';
import { dayOrder, where, type Rule } from './rule.js';

/** The DfE rules that read the Missing table alone. */
const start = (r: MissingRow) => parseDfeDate(r.MIS_START);
const end = (r: MissingRow) => parseDfeDate(r.MIS_END);
const type = (r: MissingRow) => r.MISSING.trim().toUpperCase();

const TYPE_FIX = "Record whether the child was missing (M) or away without authorisation (A) on the episode.";
const DATES_FIX = "Correct the episode's last-seen or return time.";

export const MISSING_RULES: Rule[] = [
  {
    code: '564', table: 'Missing', fields: ['MISSING', 'MIS_START'], fix: "Record the time the child was last seen on the episode.",
    message: 'Child was missing or away from placement without authorisation and the date started is blank.',
    flags: (t) => where(t.missing, ({ row }) => ['M', 'A'].includes(type(row)) && blank(row.MIS_START)),
  },
  {
    code: '565', table: 'Missing', fields: ['MISSING', 'MIS_START'], fix: TYPE_FIX,
    message: 'The date that the child started to be missing or away from placement without authorisation has been completed but whether the child was missing or away from placement without authorisation has not been completed.',
    flags: (t) => where(t.missing, ({ row }) => !blank(row.MIS_START) && blank(row.MISSING)),
  },
  {
    code: '566', table: 'Missing', fields: ['MISSING', 'MIS_END'], fix: TYPE_FIX,
    message: "The date that the child's episode of being missing or away from placement without authorisation ended has been completed but whether the child was missing or away without authorisation has not been completed.",
    flags: (t) => where(t.missing, ({ row }) => !blank(row.MIS_END) && blank(row.MISSING)),
  },
  {
    code: '567', table: 'Missing', fields: ['MIS_START', 'MIS_END'], fix: DATES_FIX,
    message: 'The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.',
    flags: (t) => where(t.missing, ({ row }) => {
      const s = start(row);
      const e = end(row);
      return s !== undefined && e !== undefined && s > e;
    }),
  },
  {
    code: '570', table: 'Missing', fields: ['MIS_START'], fix: DATES_FIX,
    message: 'The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.',
    flags: (t) => where(t.missing, ({ row }) => (start(row) ?? '') > t.year.end),
  },
  {
    code: '571', table: 'Missing', fields: ['MIS_END'], fix: DATES_FIX,
    message: 'The date that the child ceased to be missing or away from placement without authorisation is before the start or after the end of the collection year.',
    flags: (t) => where(t.missing, ({ row }) => {
      const e = end(row);
      return e !== undefined && (e < t.year.start || e > t.year.end);
    }),
  },
  {
    code: '574', table: 'Missing', fields: ['MIS_START', 'MIS_END'], fix: "Correct the times of the overlapping episodes, or remove a duplicate record.",
    message: 'A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.',
    flags: (t) => periodsStartingTooSoon(t.missing.map((e) => ({ key: e.key, start: start(e.row), end: end(e.row) }))),
  },
  {
    code: '586', table: 'Missing', fields: ['MIS_START'], fix: "Correct the child's date of birth in the register, or the episode's last-seen time.",
    message: 'Dates of missing periods are before child’s date of birth.',
    flags: (t) => where(t.missing, ({ row }) => {
      const s = start(row);
      const dob = parseDfeDate(row.DOB);
      return s !== undefined && dob !== undefined && s <= dob;
    }),
  },
  {
    code: '1004', table: 'Missing', fields: ['MIS_START'], fix: "Record the time the child was last seen on the episode.",
    message: 'The start date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.',
    flags: (t) => where(t.missing, ({ row }) => start(row) === undefined),
  },
  {
    code: '1005', table: 'Missing', fields: ['MIS_END'], fix: DATES_FIX,
    message: 'The end date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.',
    flags: (t) => where(t.missing, ({ row }) => !blank(row.MIS_END) && end(row) === undefined),
  },
  {
    // The DfE's loader upper-cases every value, so 'm' is read as M (as rule 564 reads it).
    code: '1006', table: 'Missing', fields: ['MISSING'], fix: TYPE_FIX,
    message: 'Missing type invalid.',
    flags: (t) => where(t.missing, ({ row }) => !blank(row.MISSING) && !['M', 'A'].includes(type(row))),
  },
];

/**
 * Rule 574 as the DfE applies it: each child's periods ordered by end (an open one by its start), then start, in a
 * stable sort (ties keep the table's order); a period is flagged when the one before it is still open (no readable
 * end) or ends after it starts. Starting on the day the previous one ended is fine.
 */
export function periodsStartingTooSoon(periods: { key: string; start: string | undefined; end: string | undefined }[]): number[] {
  const sorted = periods.map((p, i) => ({ ...p, i, fill: p.end ?? p.start }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || dayOrder(a.fill, b.fill) || dayOrder(a.start, b.start) || a.i - b.i);
  return sorted.flatMap((p, k) => {
    const prev = sorted[k - 1];
    if (!prev || prev.key !== p.key) return [];
    return prev.end === undefined || (p.start !== undefined && p.start < prev.end) ? [p.i] : [];
  }).sort((a, b) => a - b);
}
