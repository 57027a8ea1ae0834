import { collectionYearBounds } from '@safeguard/contracts';

/**
 * The DfE SSDA903 *Missing* table and the DfE validation rules that apply to it, checked before the return is
 * made so staff can correct the record first. Rules are re-implemented from the DfE's published logic: rows are
 * strings as in the return (dates dd/mm/yyyy, blank = ''), so a rule sees exactly what the DfE would.
 */
export const MISSING_COLUMNS = ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'] as const;
export type MissingRow = Record<(typeof MISSING_COLUMNS)[number], string>;

/** An episode as intake holds it, reduced to UK calendar days. */
export interface EpisodeDays {
  episodeId: string;
  reference: string;
  childId: string;
  laChildId: string | null;
  dateOfBirth: string;
  classification: string;
  startedOn: string;
  endedOn: string | null;
}

/** A placement of the child (the return's Episodes table: DECOM, DEC), as UK calendar days. */
export interface PlacementDays {
  childId: string;
  startedOn: string;
  endedOn: string | null;
}

export interface ReturnRow {
  row: MissingRow;
  episodeId: string;
  reference: string;
  childId: string;
}

export interface RuleFailure {
  rule: string;
  message: string;
  fields: string[];
  episodeId: string;
  reference: string;
  childId: string;
}

/** ISO day → dd/mm/yyyy, the return's date format. */
export const dfeDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/**
 * The rows of the return for a collection year: every episode that started in the year or was open at some time
 * in it. An episode still open at the year's end has no end date in this year's return (it is returned again next
 * year).
 */
export function missingRows(episodes: EpisodeDays[], year: string): ReturnRow[] {
  const { start, end } = collectionYearBounds(year);
  return episodes
    .filter((e) => e.startedOn <= end && (e.endedOn === null || e.endedOn >= start || e.startedOn >= start))
    .sort((a, b) => (a.laChildId ?? a.childId).localeCompare(b.laChildId ?? b.childId) || a.startedOn.localeCompare(b.startedOn))
    .map((e) => ({
      episodeId: e.episodeId, reference: e.reference, childId: e.childId,
      row: {
        CHILD: e.laChildId ?? '', DOB: dfeDate(e.dateOfBirth), MISSING: e.classification.trim(),
        MIS_START: dfeDate(e.startedOn), MIS_END: e.endedOn !== null && e.endedOn <= end ? dfeDate(e.endedOn) : '',
      },
    }));
}

/** The placements as the return's Episodes table shows them: an end after the year's end is not yet known. */
export function returnedPlacements(placements: PlacementDays[], year: string): PlacementDays[] {
  const { end } = collectionYearBounds(year);
  return placements.map((p) => ({ ...p, endedOn: p.endedOn !== null && p.endedOn <= end ? p.endedOn : null }));
}

/** dd/mm/yyyy → comparable YYYY-MM-DD, or undefined when it is not a real date (like the DfE's coerced parse). */
export function parseDfeDate(value: string): string | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

interface Rule {
  code: string;
  message: string;
  fields: (keyof MissingRow)[];
  /** The rows (indexes) this rule flags. */
  flags(rows: MissingRow[], ctx: { start: string; end: string; placementsOf: (i: number) => PlacementDays[] }): number[];
}

const blank = (v: string) => v.trim() === '';
const each = (rows: MissingRow[], test: (r: MissingRow) => boolean) => rows.flatMap((r, i) => (test(r) ? [i] : []));

export const MISSING_RULES: Rule[] = [
  {
    code: '564', fields: ['MISSING', 'MIS_START'],
    message: 'Child was missing or away from placement without authorisation and the date started is blank.',
    flags: (rows) => each(rows, (r) => ['M', 'A'].includes(r.MISSING.toUpperCase()) && blank(r.MIS_START)),
  },
  {
    code: '565', fields: ['MISSING', 'MIS_START'],
    message: 'The date that the child started to be missing or away from placement without authorisation has been completed but whether the child was missing or away from placement without authorisation has not been completed.',
    flags: (rows) => each(rows, (r) => !blank(r.MIS_START) && blank(r.MISSING)),
  },
  {
    code: '566', fields: ['MISSING', 'MIS_END'],
    message: "The date that the child's episode of being missing or away from placement without authorisation ended has been completed but whether the child was missing or away without authorisation has not been completed.",
    flags: (rows) => each(rows, (r) => !blank(r.MIS_END) && blank(r.MISSING)),
  },
  {
    code: '567', fields: ['MIS_START', 'MIS_END'],
    message: 'The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.',
    flags: (rows) => each(rows, (r) => {
      const s = parseDfeDate(r.MIS_START);
      const e = parseDfeDate(r.MIS_END);
      return s !== undefined && e !== undefined && s > e;
    }),
  },
  {
    code: '570', fields: ['MIS_START'],
    message: 'The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.',
    flags: (rows, { end }) => each(rows, (r) => (parseDfeDate(r.MIS_START) ?? '') > end),
  },
  {
    code: '571', fields: ['MIS_END'],
    message: 'The date that the child ceased to be missing or away from placement without authorisation is before the start or after the end of the collection year.',
    flags: (rows, { start, end }) => each(rows, (r) => {
      const e = parseDfeDate(r.MIS_END);
      return e !== undefined && (e < start || e > end);
    }),
  },
  {
    code: '574', fields: ['MIS_START', 'MIS_END'],
    message: 'A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.',
    // As the DfE: order each CHILD's periods by end (an open one by its start), then start; a period that starts
    // before the previous one ended, or while it is still open, is flagged. Starting on the previous end day is fine.
    flags: (rows) => {
      const parsed = rows.map((r, i) => ({ i, child: r.CHILD, start: parseDfeDate(r.MIS_START), end: parseDfeDate(r.MIS_END) }))
        .filter((p) => p.start !== undefined);
      parsed.sort((a, b) => a.child.localeCompare(b.child) || (a.end ?? a.start!).localeCompare(b.end ?? b.start!) || a.start!.localeCompare(b.start!));
      return parsed.flatMap((p, k) => {
        const prev = parsed[k - 1];
        if (!prev || prev.child !== p.child) return [];
        return prev.end === undefined || p.start! < prev.end ? [p.i] : [];
      });
    },
  },
  {
    code: '575', fields: ['MIS_END'],
    message: 'If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.',
    flags: (rows, { placementsOf }) => rows.flatMap((r, i) => {
      const start = parseDfeDate(r.MIS_START);
      if (start === undefined || !blank(r.MIS_END)) return [];
      return placementsOf(i).some((p) => p.endedOn !== null && p.startedOn <= start && start <= p.endedOn) ? [i] : [];
    }),
  },
  {
    code: '1005', fields: ['MIS_END'],
    message: 'The end date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.',
    flags: (rows) => each(rows, (r) => !blank(r.MIS_END) && parseDfeDate(r.MIS_END) === undefined),
  },
  {
    code: '1006', fields: ['MISSING'],
    message: 'Missing type invalid.',
    flags: (rows) => each(rows, (r) => !blank(r.MISSING) && !['M', 'A'].includes(r.MISSING)),
  },
];

/** Local checks: the return needs the council's own identifier for each child, and one identifier per child. */
const NO_CHILD_ID = { code: 'CHILD', message: "No local authority child identifier is recorded: add it to the child's record.", fields: ['CHILD'] };
const SHARED_CHILD_ID = { code: 'CHILD', message: 'The same local authority child identifier is recorded for another child.', fields: ['CHILD'] };

/** Applies every rule to the rows of one return; each failure names the rule, the fields and the episode. */
export function validateMissing(rows: ReturnRow[], placements: PlacementDays[], year: string): RuleFailure[] {
  const { start, end } = collectionYearBounds(year);
  const byChild = new Map<string, PlacementDays[]>();
  for (const p of returnedPlacements(placements, year)) byChild.set(p.childId, [...(byChild.get(p.childId) ?? []), p]);
  const ctx = { start, end, placementsOf: (i: number) => byChild.get(rows[i]!.childId) ?? [] };
  const table = rows.map((r) => r.row);
  const holders = new Map<string, Set<string>>();
  for (const r of rows) if (!blank(r.row.CHILD)) holders.set(r.row.CHILD, (holders.get(r.row.CHILD) ?? new Set()).add(r.childId));
  const failures = [
    ...each(table, (r) => blank(r.CHILD)).map((i) => ({ ...NO_CHILD_ID, i })),
    ...each(table, (r) => (holders.get(r.CHILD)?.size ?? 0) > 1).map((i) => ({ ...SHARED_CHILD_ID, i })),
    ...MISSING_RULES.flatMap((rule) => rule.flags(table, ctx).map((i) => ({ code: rule.code, message: rule.message, fields: rule.fields, i }))),
  ];
  return failures.map(({ code, message, fields, i }) => ({
    rule: code, message, fields: [...fields], episodeId: rows[i]!.episodeId, reference: rows[i]!.reference, childId: rows[i]!.childId,
  }));
}
