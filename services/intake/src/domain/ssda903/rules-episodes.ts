import { addYears, blank, parseDfeDate, type EpisodeRow, type ReturnTables } from './tables.js';
import { periodsOfCare, type PeriodOfCare } from './periods-of-care.js';
import { byKey, where, type Rule } from './rule.js';

/** The DfE rules that join the Missing table with the Episodes table (the child's placements and periods of care). */
const episode = (row: EpisodeRow) => ({ decom: parseDfeDate(row.DECOM), dec: parseDfeDate(row.DEC) });

/** Missing rows flagged when they fall outside every one of the child's periods of care (none: never flagged). */
function outsideEveryPeriod(t: ReturnTables, outside: (m: { start?: string; end?: string }, p: PeriodOfCare) => boolean): number[] {
  const periods = new Map<string, PeriodOfCare[]>();
  for (const p of periodsOfCare(t.episodes)) periods.set(p.key, [...(periods.get(p.key) ?? []), p]);
  return where(t.missing, ({ key, row }) => {
    const mine = periods.get(key) ?? [];
    const m = { start: parseDfeDate(row.MIS_START), end: parseDfeDate(row.MIS_END) };
    return mine.length > 0 && mine.every((p) => outside(m, p));
  });
}

const END_FIX = "Record the child's return on the episode (or correct it), or correct the placement history: when the placement ended or care ceased.";
const START_FIX = "Correct the episode's last-seen time, or the placement history: when a placement began or care ceased.";

export const EPISODE_RULES: Rule[] = [
  {
    code: '575', table: 'Missing', fields: ['MIS_END'], fix: END_FIX,
    message: 'If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.',
    // A period still open that started within a placement of this year's return that has ended.
    flags: (t) => {
      const eps = byKey(t.episodes);
      return where(t.missing, ({ key, row }) => {
        const s = parseDfeDate(row.MIS_START);
        if (s === undefined || !blank(row.MIS_END)) return false;
        return (eps.get(key) ?? []).some((e) => {
          const { decom, dec } = episode(e.row);
          return decom !== undefined && dec !== undefined && decom <= s && s <= dec;
        });
      });
    },
  },
  {
    code: '577', table: 'Missing', fields: ['MIS_END'], fix: END_FIX,
    message: 'Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.',
    // As the DfE: outside every period of care when (a) still open and the period has ended, (b) still open and
    // started before the period, (c) ended after the period ended, or (d) ended before the period began. Rows with
    // no readable start are not checked.
    flags: (t) => outsideEveryPeriod(t, (m, p) => m.start !== undefined && (
      (m.end === undefined && p.end !== undefined)
      || (m.end === undefined && m.start < p.start)
      || (m.end !== undefined && p.end !== undefined && m.end > p.end)
      || (m.end !== undefined && m.end < p.start))),
  },
  {
    code: '578', table: 'Missing', fields: ['MIS_START'], fix: START_FIX,
    message: 'The date that the child started to be missing is after the child ceased to be looked after.',
    // As the DfE: the start is before every period of care began, or after it ended.
    flags: (t) => outsideEveryPeriod(t, (m, p) => m.start !== undefined && (m.start < p.start || (p.end !== undefined && m.start > p.end))),
  },
  {
    code: '580', table: 'Episodes', fields: ['REC'], fix: "Record the reason care ceased as E8 when the child was missing on their 18th birthday.",
    message: 'Child is missing when cease being looked after but reason episode ceased not ‘E8’.',
    // An episode that ended on the child's 18th birthday, the day a missing period of theirs ended.
    flags: (t) => {
      const missing = byKey(t.missing);
      return where(t.episodes, ({ key, row }) => {
        const dec = parseDfeDate(row.DEC);
        if (dec === undefined || row.REC.trim().toUpperCase() === 'E8') return false;
        return (missing.get(key) ?? []).some((m) => {
          const dob = parseDfeDate(m.row.DOB);
          return dob !== undefined && parseDfeDate(m.row.MIS_END) === dec && addYears(dob, 18) === dec;
        });
      });
    },
  },
  {
    code: '581', table: 'Missing', fields: ['MIS_START'], fix: START_FIX,
    message: 'Child is missing but has not yet started to be looked after.',
    // The start falls in none of the child's episodes (an episode with no readable DEC runs on). A child with no
    // episode at all is rule 1012's.
    flags: (t) => {
      const eps = byKey(t.episodes);
      return where(t.missing, ({ key, row }) => {
        const mine = eps.get(key) ?? [];
        const s = parseDfeDate(row.MIS_START);
        return mine.length > 0 && !mine.some((e) => {
          const { decom, dec } = episode(e.row);
          return s !== undefined && decom !== undefined && s >= decom && (dec === undefined || s <= dec);
        });
      });
    },
  },
  {
    code: '1012', table: 'Missing', fields: ['CHILD'], fix: "Record the child's placement in this year, or correct which child the episode is recorded against.",
    message: 'No other data should be returned for OC3 children who had no episodes in the current year',
    flags: (t) => {
      const eps = byKey(t.episodes);
      return where(t.missing, ({ key }) => !eps.has(key));
    },
  },
];
