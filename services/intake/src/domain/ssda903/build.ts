import { collectionYearBounds } from '@safeguard/contracts';
import {
  childKey, dfeDate, EPISODES_COLUMNS, HEADER_COLUMNS, normaliseChildId, type Entry, type EpisodeRow, type HeaderRow, type MissingRow,
  type ReturnTables,
} from './tables.js';

/** An absence (a missing episode as intake holds it), reduced to UK calendar days. */
export interface AbsenceDays {
  reference: string;
  childId: string;
  laChildId: string | null;
  dateOfBirth: string;
  classification: string;
  startedOn: string;
  endedOn: string | null;
}

/** A child the council places, as the return needs them. */
export interface ChildFacts {
  childId: string;
  laChildId: string | null;
  dateOfBirth: string;
}

/** One placement of a child (an SSDA903 episode): its days, and why care ceased when it ended the period of care. */
export interface PlacementDays {
  childId: string;
  startedOn: string;
  endedOn: string | null;
  ceasedReason: string | null;
}

const empty = <C extends string>(columns: readonly C[]) => Object.fromEntries(columns.map((c) => [c, ''])) as Record<C, string>;
const byKeyThen = <R>(a: Entry<R>, b: Entry<R>) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The Missing table of a collection year: every episode that started in the year or was open at some time in it. An
 * episode still open at the year's end has no end date this year (it is returned again next year). A record whose
 * end is wrongly before the year is kept when it started in the year, so the rules can flag it.
 */
export function missingTable(absences: AbsenceDays[], year: string): Entry<MissingRow>[] {
  const { start, end } = collectionYearBounds(year);
  return absences
    .filter((e) => e.startedOn <= end && (e.endedOn === null || e.endedOn >= start || e.startedOn >= start))
    .map((e) => {
      const CHILD = normaliseChildId(e.laChildId);
      return {
        key: childKey(CHILD, e.childId), childId: e.childId, ref: e.reference, startedOn: e.startedOn,
        row: {
          CHILD, DOB: dfeDate(e.dateOfBirth), MISSING: e.classification.trim().toUpperCase(),
          MIS_START: dfeDate(e.startedOn), MIS_END: e.endedOn !== null && e.endedOn <= end ? dfeDate(e.endedOn) : '',
        },
      };
    })
    .sort((a, b) => byKeyThen(a, b) || a.startedOn.localeCompare(b.startedOn) || a.ref.localeCompare(b.ref))
    .map(({ startedOn: _, ...entry }) => entry);
}

/**
 * The Episodes table: each placement open at some time in the year. A placement that began the day the child's
 * previous one ended is a move (RNE P, and the previous one ceased X1); any other starts a period of care (RNE S). A
 * placement that ended without a move ended the period of care, with the reason recorded when care ceased (REC), or
 * blank when it was not. An end after the year's end is not known yet.
 */
export function episodesTable(children: ChildFacts[], placements: PlacementDays[], year: string): Entry<EpisodeRow>[] {
  const { start, end } = collectionYearBounds(year);
  const child = new Map(children.map((c) => [c.childId, c]));
  const ofChild = new Map<string, PlacementDays[]>();
  for (const p of placements) ofChild.set(p.childId, [...(ofChild.get(p.childId) ?? []), p]);
  return placements
    .filter((p) => child.has(p.childId) && p.startedOn <= end && (p.endedOn === null || p.endedOn >= start))
    .map((p) => {
      const mine = ofChild.get(p.childId)!;
      // A move: the previous placement ended the day this one began, without the child leaving care.
      const moved = mine.some((q) => q !== p && q.endedOn === p.startedOn && q.ceasedReason === null);
      const dec = p.endedOn !== null && p.endedOn <= end ? p.endedOn : null;
      const movedOn = dec !== null && p.ceasedReason === null && mine.some((q) => q !== p && q.startedOn === dec);
      const CHILD = normaliseChildId(child.get(p.childId)!.laChildId);
      const row: EpisodeRow = {
        ...empty(EPISODES_COLUMNS), CHILD, DECOM: dfeDate(p.startedOn), RNE: moved ? 'P' : 'S',
        DEC: dec === null ? '' : dfeDate(dec), REC: dec === null ? '' : (p.ceasedReason ?? (movedOn ? 'X1' : '')),
      };
      return { key: childKey(CHILD, p.childId), childId: p.childId, ref: `Placement from ${row.DECOM}`, row, startedOn: p.startedOn };
    })
    .sort((a, b) => byKeyThen(a, b) || a.startedOn.localeCompare(b.startedOn))
    .map(({ startedOn: _, ...entry }) => entry);
}

/** The Header table: one row per child looked after in the year (each child of the Episodes table). */
export function headerTable(children: ChildFacts[], episodes: Entry<EpisodeRow>[]): Entry<HeaderRow>[] {
  const inCare = new Set(episodes.map((e) => e.childId));
  return children
    .filter((c) => inCare.has(c.childId))
    .map((c) => {
      const CHILD = normaliseChildId(c.laChildId);
      return { key: childKey(CHILD, c.childId), childId: c.childId, ref: CHILD, row: { ...empty(HEADER_COLUMNS), CHILD, DOB: dfeDate(c.dateOfBirth) } };
    })
    .sort((a, b) => byKeyThen(a, b) || a.childId.localeCompare(b.childId));
}

/** Everything the rules read, for a collection year: this year's three tables and last year's Missing table. */
export function returnTables(input: {
  year: string;
  previousYear: string;
  children: ChildFacts[];
  placements: PlacementDays[];
  absences: AbsenceDays[];
  absencesLastYear: AbsenceDays[];
}): ReturnTables {
  const episodes = episodesTable(input.children, input.placements, input.year);
  return {
    year: collectionYearBounds(input.year),
    header: headerTable(input.children, episodes),
    episodes,
    missing: missingTable(input.absences, input.year),
    missingLast: missingTable(input.absencesLastYear, input.previousYear),
  };
}
