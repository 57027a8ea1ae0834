import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { periodsStartingTooSoon } from './rules-missing.js';
import { EPISODE_RULES } from './rules-episodes.js';
import { childKey, dfeDate, EPISODES_COLUMNS, type Entry, type EpisodeRow, type MissingRow, type ReturnTables } from './tables.js';

/** Properties of the rules over sequences of periods and placements; PROPERTY_RUNS raises the runs for a longer hunt. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 500);
const BASE = Date.UTC(2025, 3, 1);
const day = (n: number) => new Date(BASE + n * 86_400_000).toISOString().slice(0, 10);

/** A child as CHILD: four with identifiers (one in lower case) and two with none. */
const CHILDREN = [['LA1', 'c1'], ['la1 ', 'c1'], ['LA2', 'c2'], ['LA3', 'c3'], ['', 'c4'], ['', 'c5']] as const;
const child = fc.constantFrom(...CHILDREN);

/** Periods [start, end] in days from 1 April; end undefined while still open. */
const period = fc.record({ child, start: fc.nat({ max: 300 }), length: fc.option(fc.nat({ max: 20 }), { nil: undefined }) });
const asPeriods = (ps: { child: readonly [string, string]; start: number; length: number | undefined }[]) =>
  ps.map((p) => ({ key: childKey(p.child[0], p.child[1]), start: day(p.start), end: p.length === undefined ? undefined : day(p.start + p.length) }));

describe('rule 574 over any sequence of periods', () => {
  it('never flags a child whose closed periods follow one another, in whatever order the rows come', () => {
    fc.assert(fc.property(fc.array(fc.tuple(child, fc.array(fc.nat({ max: 10 }), { minLength: 1, maxLength: 6 })), { maxLength: 6 }), fc.nat(), (lanes, seed) => {
      const rows = lanes.flatMap(([c, gaps], lane) => {
        let at = lane * 1000; // one lane per child entry, far apart
        return gaps.map((g) => {
          const p = { key: childKey(c[0], c[1]), start: day(at), end: day(at + g) };
          at += g; // the next period may start on the day this one ends
          return p;
        });
      });
      const shuffled = rows.map((r, i) => ({ r, k: (i * 7919 + seed) % 104_729 })).sort((a, b) => a.k - b.k).map((x) => x.r);
      expect(periodsStartingTooSoon(shuffled)).toEqual([]);
    }), { numRuns: RUNS });
  });

  it('flags at least one period of a child whose closed periods overlap', () => {
    fc.assert(fc.property(fc.array(period, { maxLength: 12 }), (ps) => {
      const rows = asPeriods(ps.map((p) => ({ ...p, length: p.length ?? 0 })));
      const flagged = new Set(periodsStartingTooSoon(rows));
      for (const [i, a] of rows.entries()) {
        for (const [j, b] of rows.entries()) {
          if (i < j && a.key === b.key && a.start < b.end! && b.start < a.end!) {
            expect(rows.some((r, k) => r.key === a.key && flagged.has(k))).toBe(true);
          }
        }
      }
    }), { numRuns: RUNS });
  });

  it('judges each child on their own rows: a child without an identifier never groups with another', () => {
    fc.assert(fc.property(fc.array(period, { maxLength: 14 }), (ps) => {
      const rows = asPeriods(ps);
      const alone = new Set<number>();
      for (const key of new Set(rows.map((r) => r.key))) {
        const mine = rows.flatMap((r, i) => (r.key === key ? [i] : []));
        for (const k of periodsStartingTooSoon(mine.map((i) => rows[i]!))) alone.add(mine[k]!);
      }
      expect(periodsStartingTooSoon(rows)).toEqual([...alone].sort((a, b) => a - b));
    }), { numRuns: RUNS });
  });

  it('flags a child with two periods open at once', () => {
    fc.assert(fc.property(child, fc.nat({ max: 300 }), fc.nat({ max: 300 }), (c, a, b) => {
      expect(periodsStartingTooSoon(asPeriods([{ child: c, start: a, length: undefined }, { child: c, start: b, length: undefined }]))).toHaveLength(1);
    }), { numRuns: RUNS });
  });
});

describe('rules 577, 578 and 581 over any placement history', () => {
  const rule = (code: string) => EPISODE_RULES.find((r) => r.code === code)!;
  const blankEpisode = Object.fromEntries(EPISODES_COLUMNS.map((c) => [c, ''])) as EpisodeRow;
  const ep = (start: number, end: number | undefined): Entry<EpisodeRow> =>
    ({ key: 'LA1', childId: 'c1', ref: '', row: { ...blankEpisode, CHILD: 'LA1', DECOM: dfeDate(day(start)), DEC: end === undefined ? '' : dfeDate(day(end)) } });
  const mis = (start: number, end: number | undefined): Entry<MissingRow> =>
    ({ key: 'LA1', childId: 'c1', ref: '', row: { CHILD: 'LA1', DOB: '01/01/2010', MISSING: 'M', MIS_START: dfeDate(day(start)), MIS_END: end === undefined ? '' : dfeDate(day(end)) } });
  const tables = (episodes: Entry<EpisodeRow>[], missing: Entry<MissingRow>[]): ReturnTables =>
    ({ year: { start: day(0), end: day(364) }, header: [], episodes, missing, missingLast: [] });
  /** Placements with gaps between them (each gap ends a period of care), the last one perhaps still open. */
  const history = fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 5 })
    .chain((spans) => fc.boolean().map((open) => {
      let at = 0;
      return spans.map(([gap, length], i) => {
        const start = at + gap;
        at = start + length;
        return { start, end: open && i === spans.length - 1 ? undefined : at };
      });
    }));
  const missing = fc.array(fc.tuple(fc.nat({ max: 400 }), fc.option(fc.nat({ max: 40 }), { nil: undefined })), { minLength: 1, maxLength: 6 })
    .map((ms) => ms.map(([s, len]) => mis(s, len === undefined ? undefined : s + len)));

  it('are unchanged when a placement is split by a move (X1): a move keeps the period of care', () => {
    fc.assert(fc.property(history, missing, fc.nat(), (placements, rows, at) => {
      const episodes = placements.map((p) => ep(p.start, p.end));
      const k = at % placements.length;
      const p = placements[k]!;
      const cut = p.start + 1 + (at % Math.max(1, (p.end ?? p.start + 30) - p.start - 1));
      const split = [...episodes.slice(0, k), ep(p.start, cut), ep(cut, p.end), ...episodes.slice(k + 1)];
      for (const code of ['577', '578', '581']) expect(rule(code).flags(tables(split, rows))).toEqual(rule(code).flags(tables(episodes, rows)));
    }), { numRuns: RUNS });
  });

  it('do not depend on the order of the Episodes rows', () => {
    fc.assert(fc.property(history, missing, (placements, rows) => {
      const episodes = placements.map((p) => ep(p.start, p.end));
      for (const code of ['577', '578', '581']) expect(rule(code).flags(tables([...episodes].reverse(), rows))).toEqual(rule(code).flags(tables(episodes, rows)));
    }), { numRuns: RUNS });
  });

  it('581 flags exactly the periods that start in no placement; 578 only those, and never one that starts in care', () => {
    fc.assert(fc.property(history, missing, (placements, rows) => {
      const t = tables(placements.map((p) => ep(p.start, p.end)), rows);
      const inCare = (s: number) => placements.some((p) => p.start <= s && (p.end === undefined || s <= p.end));
      const startOf = (m: Entry<MissingRow>) => Math.round((Date.parse(m.row.MIS_START.split('/').reverse().join('-')) - BASE) / 86_400_000);
      const outside = rows.flatMap((m, i) => (inCare(startOf(m)) ? [] : [i]));
      expect(rule('581').flags(t)).toEqual(outside);
      expect(rule('578').flags(t).every((i) => outside.includes(i))).toBe(true);
    }), { numRuns: RUNS });
  });
});
