import { describe, expect, it } from '@jest/globals';
import { RULE_576 } from './rule-576.js';
import { EPISODE_RULES } from './rules-episodes.js';
import { INTEGRITY_RULES } from './rules-integrity.js';
import { childKey, EPISODES_COLUMNS, HEADER_COLUMNS, type Entry, type EpisodeRow, type HeaderRow, type MissingRow, type ReturnTables } from './tables.js';

// Cases marked "DfE" are the cases of the DfE validator's own tests for that rule (csc-validator-be-903).
const entry = <R extends { CHILD: string }>(row: R): Entry<R> => ({ row, key: childKey(row.CHILD, `id-${row.CHILD}`), childId: `id-${row.CHILD}`, ref: '' });
const mis = (CHILD: string, MIS_START: string, MIS_END = '', DOB = '01/01/1970') => entry<MissingRow>({ CHILD, DOB, MISSING: 'M', MIS_START, MIS_END });
const blankEpisode = Object.fromEntries(EPISODES_COLUMNS.map((c) => [c, ''])) as EpisodeRow;
const ep = (CHILD: string, DECOM: string, DEC = '', REC = '') => entry<EpisodeRow>({ ...blankEpisode, CHILD, DECOM, DEC, REC });
const head = (CHILD: string, DOB: string) => entry<HeaderRow>({ ...(Object.fromEntries(HEADER_COLUMNS.map((c) => [c, ''])) as HeaderRow), CHILD, DOB });
const tables = (t: Partial<ReturnTables>): ReturnTables =>
  ({ year: { start: '2025-04-01', end: '2026-03-31' }, header: [], episodes: [], missing: [], missingLast: [], ...t });
const rule = (code: string) => [...EPISODE_RULES, RULE_576, ...INTEGRITY_RULES].find((r) => r.code === code)!;

describe('the DfE rules joining Missing with Episodes', () => {
  it('575 (DfE): still open, from a placement that has ended', () => {
    const t = tables({
      episodes: [ep('111', '01/06/2020', '10/06/2020'), ep('123', '08/06/2020', '10/06/2020'), ep('222', '05/06/2020', '10/06/2020'),
        ep('333', '06/06/2020'), ep('333', '07/06/2020', '10/06/2020'), ep('444', '08/06/2020', '10/06/2020'), ep('444', '08/06/2020')],
      missing: [mis('111', '01/06/2020', '05/06/2020'), mis('123', '08/06/2020'), mis('222', '05/06/2020', '05/06/2020'), mis('333', '06/06/2020'),
        mis('444', '08/06/2020', '05/06/2020'), mis('444', '09/06/2020'), mis('444', '19/06/2020', '05/06/2020')],
    });
    expect(rule('575').flags(t)).toEqual([1, 5]);
  });

  const pocEpisodes = [
    ep('1', '01/04/1977', '31/03/1981', 'X1'), ep('2', '01/04/1979', '30/03/1981'), ep('88', '01/05/1980', '01/01/1981', 'xx'),
    ep('3', '01/04/1980', '01/01/1981'), ep('3', '01/04/2020', '01/01/2021'), ep('3', '01/01/2021', '05/10/2021'),
    ep('4', '01/04/1981'),
    ep('5', '01/04/1978', '01/01/1981'), ep('5', '01/01/1981', '01/01/1990'), ep('5', '01/04/1983', '04/06/2020'),
    ep('6', '01/04/1983', '04/06/2020'), ep('7', '01/04/1983', '04/06/2020'), ep('8', '01/04/1983', '04/06/2020'),
  ];

  it('577 (DfE): a period outside every period of care: still open after care ended, or ending outside it', () => {
    const t = tables({
      episodes: [...pocEpisodes, ep('9', '01/01/2020', '04/06/2020'), ep('9', '04/06/2020', '11/08/2020'), ep('9', '11/08/2020', '01/12/2020'),
        ep('9', '22/12/2020', '25/12/2020'), ep('9', '01/01/2021', '22/02/2021'), ep('9', '22/02/2021', '08/08/2021'), ep('9', '08/08/2021')],
      missing: [mis('1', '01/01/1981'), mis('2', '01/01/1981', '02/06/2020'), mis('3', '01/01/1981', '03/06/2022'), mis('3', '01/01/1981', '03/06/2020'),
        mis('4', '01/01/1981', '04/06/2020'), mis('5', '01/01/1981', '01/01/1982'), mis('5', '01/01/1981', '01/01/2000'), mis('6', '01/01/1981', '01/01/1981'),
        mis('7', '', '01/01/1981'), mis('8', '01/01/1981'), mis('9', '01/01/2020'), mis('9', '01/01/2021'), mis('9', '04/06/2020', '04/06/2021')],
    });
    expect(rule('577').flags(t)).toEqual([0, 1, 2, 7, 9, 10]);
  });

  it('578 (DfE): a start before every period of care, or after it ended', () => {
    const t = tables({
      episodes: [...pocEpisodes.filter((e) => !['7', '8'].includes(e.row.CHILD)), ep('8888', '01/04/1983', '04/06/2020'), ep('8888', '04/06/2020')],
      missing: [mis('1', '01/06/2020'), mis('2', '02/06/2020'), mis('3', '03/06/2022'), mis('3', '03/06/2020'), mis('4', '04/06/2020'),
        mis('5', '01/01/1982'), mis('5', '01/01/2000'), mis('6', '01/01/1981'), mis('77', '01/01/1981'), mis('8888', '01/01/2049')],
    });
    expect(rule('578').flags(t)).toEqual([0, 1, 2, 7]);
  });

  it('577 and 578: a move (X1) keeps one period of care; a gap starts another', () => {
    // Still missing since 30 May: within the one period of care after a move, outside both periods around a gap.
    const moved = [ep('1', '01/04/2025', '01/06/2025', 'X1'), ep('1', '01/06/2025')];
    const gap = [ep('1', '01/04/2025', '31/05/2025', 'E4A'), ep('1', '01/06/2025')];
    const m = [mis('1', '30/05/2025')];
    expect(rule('577').flags(tables({ episodes: moved, missing: m }))).toEqual([]);
    expect(rule('577').flags(tables({ episodes: gap, missing: m }))).toEqual([0]);
    const ended = [ep('1', '01/04/2025', '01/06/2025', 'X1'), ep('1', '01/06/2025', '01/09/2025', 'E4A')];
    expect(rule('578').flags(tables({ episodes: ended, missing: [mis('1', '02/09/2025', '03/09/2025')] }))).toEqual([0]);
    expect(rule('578').flags(tables({ episodes: ended, missing: [mis('1', '01/09/2025', '03/09/2025')] }))).toEqual([]);
    expect(rule('578').flags(tables({ episodes: ended, missing: [mis('1', '31/03/2025', '03/04/2025')] }))).toEqual([0]);
  });

  it('580 (DfE): care ceased on the 18th birthday the child came back from missing, with a reason other than E8', () => {
    const t = tables({
      episodes: [ep('111', '', '01/06/2020', 'E7'), ep('123', '', '08/06/2020', 'E7'), ep('222', '', '05/06/2020', 'E8'), ep('333', '', '06/06/2020', 'E5'),
        ep('444', '', '07/06/2020', 'E8'), ep('555', '', '19/06/2020', 'E4'), ep('777', '', '19/06/2020', 'E4'), ep('888', '', '19/06/2020', 'e8')],
      missing: [mis('111', '', '01/06/2020', '01/06/2002'), mis('123', '', '08/06/2020', '08/06/2002'), mis('222', '', '05/06/2020', '05/06/2002'),
        mis('333', '', '06/06/2020', '06/06/2002'), mis('444', '', '08/06/2020', '08/06/2002'), mis('444', '', '09/06/2020', '09/06/2002'),
        mis('555', '', '19/06/2020', '19/06/2002'), mis('777', '', '19/06/2020', '19/06/2002'), mis('888', '', '19/06/2020', '19/06/2002')],
    });
    expect(rule('580').flags(t)).toEqual([0, 1, 3, 5, 6]);
    // Born on 29 February: the 18th birthday in a common year is 28 February.
    const leap = tables({ episodes: [ep('9', '01/01/2020', '28/02/2026', 'E4A')], missing: [mis('9', '20/02/2026', '28/02/2026', '29/02/2008')] });
    expect(rule('580').flags(leap)).toEqual([0]);
  });

  it('581 (DfE): a start in none of the child\'s episodes: before, between or after them', () => {
    const t = tables({
      episodes: [ep('111', '01/06/2020', '10/06/2020'), ep('123', '08/06/2020', '10/06/2020'), ep('222', '06/06/2020', '10/06/2020'),
        ep('333', '06/06/2020'), ep('333', '07/06/2020', '10/06/2020'), ep('444', '08/06/2020', '10/06/2020'), ep('444', '12/06/2020'),
        ep('555', '15/06/2020', '20/06/2020')],
      missing: [mis('111', '01/06/2020', '05/06/2020'), mis('123', '08/06/2020'), mis('222', '05/06/2020', '05/06/2020'), mis('333', '12/06/2020'),
        mis('444', '08/06/2020', '05/06/2020'), mis('444', '11/06/2020', '11/06/2020'), mis('444', '19/06/2020', '05/06/2020'),
        mis('555', '21/06/2020', '21/06/2020'), mis('999', '21/06/2020', '21/06/2020')],
    });
    expect(rule('581').flags(t)).toEqual([2, 5, 7]);
  });

  it('1012 (DfE): a child in the Missing table with no episode this year', () => {
    const t = tables({
      episodes: ['111', '222', '333', '444', '555', '555', '666', '666'].map((c) => ep(c, '01/04/2025')),
      missing: ['111', '888', '333', '444', '555', '666'].map((c) => mis(c, '01/05/2025')),
    });
    expect(rule('1012').flags(t)).toEqual([1]);
  });
});

describe('rule 576: last year\'s open periods', () => {
  it('576 (DfE): the first period this year is not the one left open last year', () => {
    const t = tables({
      missingLast: [mis('111', '07/02/2020', '07/02/2020'), mis('222', '07/02/2020'), mis('333', '03/02/2020', '07/02/2020'), mis('444', '07/02/2020'),
        mis('555', '01/02/2020'), mis('666', '13/02/2020', '07/02/2020')],
      missing: [mis('111', '07/02/2020'), mis('222', '08/02/2020'), mis('333', '03/02/2020'), mis('444', ''), mis('555', '01/02/2020'), mis('666', '13/02/2020')],
    });
    expect(RULE_576.flags(t)).toEqual([1, 3]);
  });

  it('576 compares only the child\'s earliest period this year, and says nothing of a child absent this year', () => {
    const last = [mis('1', '20/03/2025'), mis('1', '25/03/2025'), mis('2', '01/03/2025')];
    expect(RULE_576.flags(tables({ missingLast: last, missing: [mis('1', '25/03/2025', '03/04/2025'), mis('1', '20/03/2025', '02/04/2025')] }))).toEqual([1]);
    expect(RULE_576.flags(tables({ missingLast: [mis('1', '20/03/2025')], missing: [mis('1', '20/03/2025', '02/04/2025'), mis('1', '01/05/2025', '02/05/2025')] }))).toEqual([]);
    expect(RULE_576.flags(tables({ missingLast: [mis('1', '31/02/2025')], missing: [mis('1', '20/03/2025', '02/04/2025')] }))).toEqual([]);
  });
});

describe('the DfE internal checks between Header and Missing', () => {
  it('INT04: a child in Missing who is not in Header; INT13: a different date of birth', () => {
    const t = tables({
      header: [head('1', '01/01/2010'), head('2', '01/01/2010'), head('3', '')],
      missing: [mis('1', '01/05/2025', '', '01/01/2010'), mis('2', '01/05/2025', '', '02/01/2010'), mis('3', '01/05/2025', '', '02/01/2010'), mis('4', '01/05/2025')],
    });
    expect(rule('INT04').flags(t)).toEqual([3]);
    expect(rule('INT13').flags(t)).toEqual([1]);
  });
});
