/**
 * The three DfE SSDA903 tables this system can fill in (docs/domain.md §7), as the DfE's validator reads them: every
 * cell a string, dates dd/mm/yyyy, blank ''. Columns are the DfE's, in the DfE's order; intake fills the ones it
 * knows (`*_KNOWN`) and leaves the rest blank for the council's case management system.
 */
export const HEADER_COLUMNS = ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'] as const;
export const EPISODES_COLUMNS = [
  'CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN',
] as const;
export const MISSING_COLUMNS = ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'] as const;

export const HEADER_KNOWN: readonly HeaderColumn[] = ['CHILD', 'DOB'];
export const EPISODES_KNOWN: readonly EpisodesColumn[] = ['CHILD', 'DECOM', 'RNE', 'DEC', 'REC'];

export type HeaderColumn = (typeof HEADER_COLUMNS)[number];
export type EpisodesColumn = (typeof EPISODES_COLUMNS)[number];
export type MissingColumn = (typeof MISSING_COLUMNS)[number];
export type HeaderRow = Record<HeaderColumn, string>;
export type EpisodeRow = Record<EpisodesColumn, string>;
export type MissingRow = Record<MissingColumn, string>;

export type TableName = 'Header' | 'Episodes' | 'Missing';

/**
 * A row and who it is about. `key` is what the DfE joins tables on (CHILD); a row with no CHILD is keyed by the
 * child's own id instead, so it never joins (or groups with) another child's rows. `ref` names the row for staff:
 * the episode reference, or the placement's start.
 */
export interface Entry<R> {
  row: R;
  key: string;
  childId: string;
  ref: string;
}

/** A return's tables for one collection year, with last year's Missing table (rule 576). */
export interface ReturnTables {
  year: { start: string; end: string };
  header: Entry<HeaderRow>[];
  episodes: Entry<EpisodeRow>[];
  missing: Entry<MissingRow>[];
  missingLast: Entry<MissingRow>[];
}

/** CHILD as the DfE's loader reads it: every value is upper-cased on load; spaces are not part of an identifier. */
export const normaliseChildId = (id: string | null | undefined) => (id ?? '').trim().toUpperCase();

/** The join key of a row: its CHILD, or the child's own id when CHILD is blank ('#' never starts an identifier). */
export const childKey = (CHILD: string, childId: string) => (CHILD.trim() === '' ? `#${childId}` : CHILD.trim().toUpperCase());

/** ISO day → dd/mm/yyyy, the return's date format. */
export const dfeDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/**
 * dd/mm/yyyy → comparable YYYY-MM-DD, or undefined when blank or not a real date: the DfE parses with
 * `to_datetime(format='%d/%m/%Y', errors='coerce')`, so a bad date reads as missing (NaT), and every comparison with
 * it is false.
 */
export function parseDfeDate(value: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** A blank cell (the DfE's loader reads '' as missing). */
export const blank = (v: string) => v.trim() === '';

/** The day `years` after an ISO day; 29 February falls back to 28 February (pandas' DateOffset(years=n)). */
export function addYears(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) + years;
  const md = day.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/**
 * Reasons a child ceases to be looked after (SSDA903 REC, DfE rule 149's list without X1). X1 ("episode ceases and a
 * new one begins") is never recorded: it is derived from a move to another placement.
 */
export const REASONS_CARE_CEASED = [
  'E11', 'E12', 'E13', 'E14', 'E15', 'E16', 'E17', 'E2', 'E3', 'E41', 'E45', 'E46', 'E47', 'E48', 'E4A', 'E4B', 'E5', 'E6', 'E7', 'E8', 'E9',
] as const;
export type ReasonCareCeased = (typeof REASONS_CARE_CEASED)[number];
