import { parseDfeDate, type Entry, type EpisodeRow } from './tables.js';
import { dayOrder } from './rule.js';

/** A period of care: a child's episodes back to back, from the first one's DECOM to the last one's DEC. */
export interface PeriodOfCare {
  key: string;
  start: string;
  /** The last episode's DEC: undefined while the child is still looked after (or when it is not a readable date). */
  end: string | undefined;
}

/**
 * Periods of care as the DfE's rules 577 and 578 build them: episodes with a readable DECOM, ordered by child then
 * DECOM (stable); an episode starts a new period when it is another child's or begins after the previous episode's
 * DEC (a previous DEC that is blank or unreadable never ends a period). A period ends with its last episode's DEC.
 */
export function periodsOfCare(episodes: Entry<EpisodeRow>[]): PeriodOfCare[] {
  const sorted = episodes.map((e, i) => ({ i, key: e.key, decom: parseDfeDate(e.row.DECOM), dec: parseDfeDate(e.row.DEC) }))
    .filter((e): e is typeof e & { decom: string } => e.decom !== undefined)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || dayOrder(a.decom, b.decom) || a.i - b.i);
  const periods: PeriodOfCare[] = [];
  for (const [k, e] of sorted.entries()) {
    const prev = sorted[k - 1];
    if (!prev || prev.key !== e.key || (prev.dec !== undefined && e.decom > prev.dec)) periods.push({ key: e.key, start: e.decom, end: e.dec });
    else periods[periods.length - 1]!.end = e.dec;
  }
  return periods;
}
