import { describe, expect, it } from '@jest/globals';
import { MISSING_RULES } from './rules-missing.js';
import { childKey, type Entry, type MissingRow, type ReturnTables } from './tables.js';

// Cases marked "DfE" are the cases of the DfE validator's own tests for that rule (csc-validator-be-903).
const row = (over: Partial<MissingRow>, childId = 'c1'): Entry<MissingRow> => {
  const r = { CHILD: 'LA001', DOB: '01/05/2010', MISSING: 'M', MIS_START: '01/06/2025', MIS_END: '02/06/2025', ...over };
  return { row: r, key: childKey(r.CHILD, childId), childId, ref: `${childId}:${r.MIS_START}` };
};
const tables = (missing: Entry<MissingRow>[]): ReturnTables =>
  ({ year: { start: '2025-04-01', end: '2026-03-31' }, header: [], episodes: [], missing, missingLast: [] });
const flags = (code: string, missing: Entry<MissingRow>[]) => MISSING_RULES.find((r) => r.code === code)!.flags(tables(missing));

describe('the DfE rules on the Missing table alone', () => {
  it('564: a type of M or A (any case) with no start date', () => {
    expect(flags('564', [row({ MIS_START: '' }), row({ MISSING: 'a', MIS_START: '' }), row({ MISSING: '', MIS_START: '' }), row({})])).toEqual([0, 1]);
  });

  it('565 and 566: a start or an end with no type', () => {
    const rows = [row({ MISSING: '' }), row({ MISSING: '', MIS_END: '' }), row({ MISSING: '', MIS_START: '' }), row({ MISSING: 'X' })];
    expect(flags('565', rows)).toEqual([0, 1]);
    expect(flags('566', rows)).toEqual([0, 2]);
  });

  it('567: an end before the start; the same day is fine, and an unreadable date is not compared', () => {
    expect(flags('567', [row({ MIS_START: '05/06/2025', MIS_END: '04/06/2025' }), row({ MIS_START: '05/07/2025', MIS_END: '05/07/2025' }),
      row({ MIS_START: '05/07/2025', MIS_END: '31/06/2025' })])).toEqual([0]);
  });

  it('570 and 571: dates inside the collection year, both boundary days allowed', () => {
    const rows = [row({ MIS_START: '01/04/2026', MIS_END: '' }), row({ MIS_START: '01/03/2025', MIS_END: '31/03/2025' }),
      row({ MIS_START: '31/03/2025', MIS_END: '01/04/2025' }), row({ MIS_START: '30/03/2026', MIS_END: '31/03/2026' }), row({ MIS_END: '01/04/2026' })];
    expect(flags('570', rows)).toEqual([0]);
    expect(flags('571', rows)).toEqual([1, 4]);
  });

  it('574 (DfE): a period starting while the one before is open, or before it ended', () => {
    // [CHILD, MIS_START, MIS_END], a line a child.
    const periods = [
      ['111', '01/06/2020', '05/06/2020'], ['111', '04/06/2020', ''],
      ['222', '03/06/2020', '04/06/2020'], ['222', '04/06/2020', ''], ['222', '07/06/2020', '09/06/2020'],
      ['333', '02/06/2020', '04/06/2020'], ['333', '03/06/2020', '09/06/2020'],
      ['444', '06/06/2020', '08/06/2020'], ['444', '10/06/2020', '10/06/2020'], ['444', '08/06/2020', '10/08/2020'],
      ['555', '', '05/06/2020'], ['555', '', '05/06/2020'],
    ] as const;
    expect(flags('574', periods.map(([CHILD, MIS_START, MIS_END]) => row({ CHILD, MIS_START, MIS_END })))).toEqual([0, 4, 6, 9]);
  });

  it('574 orders by end, so the period that runs on past a shorter one is the one flagged', () => {
    // The DfE sorts on the end (an open period on its start): the short period inside comes first.
    expect(flags('574', [row({ MIS_START: '01/06/2025', MIS_END: '10/06/2025' }), row({ MIS_START: '02/06/2025', MIS_END: '03/06/2025' })])).toEqual([0]);
    // An unreadable end counts as still open.
    expect(flags('574', [row({ MIS_START: '01/06/2025', MIS_END: '31/06/2025' }), row({ MIS_START: '02/07/2025', MIS_END: '03/07/2025' })])).toEqual([1]);
  });

  it('574 never groups rows with no CHILD: each is keyed by its own child', () => {
    const children = Array.from({ length: 11 }, (_, i) => row({ CHILD: '', MIS_START: '01/02/2027', MIS_END: '' }, `c${i}`));
    expect(flags('574', children)).toEqual([]);
    expect(flags('574', [row({ CHILD: '', MIS_END: '' }, 'c1'), row({ CHILD: '', MIS_START: '03/06/2025', MIS_END: '' }, 'c1')])).toEqual([1]);
  });

  it('586 (DfE): a start on or before the date of birth', () => {
    expect(flags('586', [
      row({ DOB: '01/02/2020', MIS_START: '' }), row({ DOB: '02/02/2020', MIS_START: '07/02/2020' }), row({ DOB: '04/02/2020', MIS_START: '03/02/2020' }),
      row({ DOB: '06/02/2020', MIS_START: '' }), row({ DOB: '07/02/2020', MIS_START: '01/02/2020' }), row({ DOB: '08/02/2020', MIS_START: '13/02/2020' }),
      row({ DOB: '09/02/2020', MIS_START: '09/02/2020' }),
    ])).toEqual([2, 4, 6]);
  });

  it('1004 and 1005 (DfE): a start that is blank or not a date, an end that is given but not a date', () => {
    const rows = [row({ MIS_START: '08/03/2020', MIS_END: '08/03/2020' }), row({ MIS_START: '22/06/2020', MIS_END: '' }),
      row({ MIS_START: '', MIS_END: '22/06/2020' }), row({ MIS_START: '13/10/2021', MIS_END: '13/10/21' }), row({ MIS_START: '10/24/2021', MIS_END: '' })];
    expect(flags('1004', rows)).toEqual([2, 4]);
    expect(flags('1005', rows)).toEqual([3]);
  });

  it('1006: a type other than M or A, read in upper case as the DfE loads it', () => {
    expect(flags('1006', [row({ MISSING: 'X' }), row({ MISSING: 'm' }), row({ MISSING: 'a' }), row({ MISSING: '' }), row({ MISSING: 'MA' })])).toEqual([0, 4]);
  });
});
