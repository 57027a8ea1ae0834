import { describe, expect, it } from '@jest/globals';
import { episodesTable, headerTable, missingTable, type AbsenceDays, type ChildFacts, type PlacementDays } from './build.js';
import { parseDfeDate } from './tables.js';

const YEAR = '2025-26';
let n = 0;
const absence = (over: Partial<AbsenceDays>): AbsenceDays => ({
  reference: `MFC-${++n}`, childId: 'c1', laChildId: 'LA001', dateOfBirth: '2010-05-01', classification: 'M',
  startedOn: '2025-06-01', endedOn: '2025-06-02', ...over,
});

describe('the Missing table', () => {
  it('returns each episode open in the year, in the DfE layout, with no end for one still open at the year end', () => {
    const rows = missingTable([
      absence({ reference: 'before', startedOn: '2025-03-01', endedOn: '2025-03-31' }),
      absence({ reference: 'spans-start', startedOn: '2025-03-31', endedOn: '2025-04-01' }),
      absence({ reference: 'spans-end', startedOn: '2026-03-30', endedOn: '2026-04-02', classification: 'A' }),
      absence({ reference: 'still-open', childId: 'c2', laChildId: 'LA002', startedOn: '2026-02-01', endedOn: null }),
      absence({ reference: 'after', startedOn: '2026-04-01', endedOn: null }),
      absence({ reference: 'typo', startedOn: '2025-05-02', endedOn: '2025-03-02' }),
    ], YEAR);
    expect(rows.map((r) => [r.ref, r.row])).toEqual([
      ['spans-start', { CHILD: 'LA001', DOB: '01/05/2010', MISSING: 'M', MIS_START: '31/03/2025', MIS_END: '01/04/2025' }],
      ['typo', { CHILD: 'LA001', DOB: '01/05/2010', MISSING: 'M', MIS_START: '02/05/2025', MIS_END: '02/03/2025' }],
      ['spans-end', { CHILD: 'LA001', DOB: '01/05/2010', MISSING: 'A', MIS_START: '30/03/2026', MIS_END: '' }],
      ['still-open', { CHILD: 'LA002', DOB: '01/05/2010', MISSING: 'M', MIS_START: '01/02/2026', MIS_END: '' }],
    ]);
  });

  it('writes CHILD and the type as the DfE reads them (trimmed, upper case), and keys a child with no CHILD by their own id', () => {
    const rows = missingTable([absence({ laChildId: ' ab12 ', classification: 'm ' }), absence({ childId: 'c2', laChildId: null }), absence({ childId: 'c3', laChildId: '' })], YEAR);
    expect(rows.map((r) => [r.row.CHILD, r.row.MISSING, r.key])).toEqual([['', 'M', '#c2'], ['', 'M', '#c3'], ['AB12', 'M', 'AB12']]);
  });

  it('parses only real dd/mm/yyyy dates', () => {
    expect(parseDfeDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDfeDate('1/6/2024')).toBe('2024-06-01');
    expect(parseDfeDate('29/02/2025')).toBeUndefined();
    expect(parseDfeDate('2025-02-01')).toBeUndefined();
    expect(parseDfeDate('')).toBeUndefined();
  });
});

describe('the Episodes and Header tables', () => {
  const children: ChildFacts[] = [
    { childId: 'c1', laChildId: 'la001', dateOfBirth: '2010-05-01' },
    { childId: 'c2', laChildId: 'LA002', dateOfBirth: '2011-06-02' },
    { childId: 'c3', laChildId: null, dateOfBirth: '2012-07-03' },
  ];
  const placements: PlacementDays[] = [
    { childId: 'c1', startedOn: '2024-01-15', endedOn: '2025-06-01', ceasedReason: null },
    { childId: 'c1', startedOn: '2025-06-01', endedOn: '2025-12-01', ceasedReason: 'E4A' },
    { childId: 'c1', startedOn: '2026-02-01', endedOn: '2026-04-10', ceasedReason: 'E13' },
    { childId: 'c2', startedOn: '2023-01-01', endedOn: '2025-03-31', ceasedReason: 'E4A' },
    { childId: 'c3', startedOn: '2025-04-01', endedOn: null, ceasedReason: null },
    { childId: 'c9', startedOn: '2025-04-01', endedOn: null, ceasedReason: null },
  ];

  it('has each placement open in the year: S when care began, P after a move (which ceased X1), and the reason care ceased', () => {
    const rows = episodesTable(children, placements, YEAR);
    expect(rows.map((r) => [r.key, r.ref, r.row.CHILD, r.row.DECOM, r.row.RNE, r.row.DEC, r.row.REC])).toEqual([
      ['#c3', 'Placement from 01/04/2025', '', '01/04/2025', 'S', '', ''],
      ['LA001', 'Placement from 15/01/2024', 'LA001', '15/01/2024', 'S', '01/06/2025', 'X1'],
      ['LA001', 'Placement from 01/06/2025', 'LA001', '01/06/2025', 'P', '01/12/2025', 'E4A'],
      // Care ends after the year: not known in this year's return.
      ['LA001', 'Placement from 01/02/2026', 'LA001', '01/02/2026', 'S', '', ''],
    ]);
    expect(Object.keys(rows[0]!.row)).toEqual(['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC',
      'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN']);
    expect(rows.every((r) => r.row.LS === '' && r.row.PLACE === '' && r.row.HOME_POST === '')).toBe(true);
  });

  it('has a Header row for each child looked after in the year, and only those', () => {
    const header = headerTable(children, episodesTable(children, placements, YEAR));
    expect(header.map((h) => h.row)).toEqual([
      { CHILD: '', SEX: '', DOB: '03/07/2012', ETHNIC: '', UPN: '', MOTHER: '', MC_DOB: '' },
      { CHILD: 'LA001', SEX: '', DOB: '01/05/2010', ETHNIC: '', UPN: '', MOTHER: '', MC_DOB: '' },
    ]);
  });
});
