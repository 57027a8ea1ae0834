import { describe, expect, it } from '@jest/globals';
import { missingRows, parseDfeDate, validateMissing, type EpisodeDays, type MissingRow, type ReturnRow } from './ssda903.js';

const YEAR = '2025-26';
let n = 0;
const episode = (over: Partial<EpisodeDays>): EpisodeDays => ({
  episodeId: `e${++n}`, reference: `MFC-${n}`, childId: 'c1', laChildId: 'LA001', dateOfBirth: '2010-05-01', classification: 'M',
  startedOn: '2025-06-01', endedOn: '2025-06-02', ...over,
});
const row = (over: Partial<MissingRow>, childId = 'c1'): ReturnRow => ({
  episodeId: `r${++n}`, reference: `R-${n}`, childId,
  row: { CHILD: childId === 'c1' ? 'LA001' : `LA-${childId}`, DOB: '01/05/2010', MISSING: 'M', MIS_START: '01/06/2025', MIS_END: '02/06/2025', ...over },
});
const rulesOf = (rows: ReturnRow[], placements = []) => validateMissing(rows, placements, YEAR).map((f) => `${f.rule}:${f.reference}`);

describe('SSDA903 Missing table', () => {
  it('returns each episode open in the year, in the DfE layout, with no end for one still open at the year end', () => {
    const rows = missingRows([
      episode({ reference: 'before', startedOn: '2025-03-01', endedOn: '2025-03-31' }),
      episode({ reference: 'spans-start', startedOn: '2025-03-31', endedOn: '2025-04-01' }),
      episode({ reference: 'spans-end', startedOn: '2026-03-30', endedOn: '2026-04-02', classification: 'A' }),
      episode({ reference: 'still-open', childId: 'c2', laChildId: 'LA002', startedOn: '2026-02-01', endedOn: null }),
      episode({ reference: 'after', startedOn: '2026-04-01', endedOn: null }),
    ], YEAR);
    expect(rows.map((r) => [r.reference, r.row])).toEqual([
      ['spans-start', { CHILD: 'LA001', DOB: '01/05/2010', MISSING: 'M', MIS_START: '31/03/2025', MIS_END: '01/04/2025' }],
      ['spans-end', { CHILD: 'LA001', DOB: '01/05/2010', MISSING: 'A', MIS_START: '30/03/2026', MIS_END: '' }],
      ['still-open', { CHILD: 'LA002', DOB: '01/05/2010', MISSING: 'M', MIS_START: '01/02/2026', MIS_END: '' }],
    ]);
    expect(validateMissing(rows, [], YEAR)).toEqual([]);
  });

  it('keeps an in-year record whose end was wrongly entered before the year, so the rules can flag it', () => {
    const rows = missingRows([episode({ reference: 'typo', startedOn: '2025-05-02', endedOn: '2025-03-02' })], YEAR);
    expect(rows.map((r) => r.row.MIS_END)).toEqual(['02/03/2025']);
    expect(validateMissing(rows, [], YEAR).map((f) => f.rule).sort()).toEqual(['567', '571']);
  });

  it('parses only real dd/mm/yyyy dates', () => {
    expect(parseDfeDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDfeDate('29/02/2025')).toBeUndefined();
    expect(parseDfeDate('2025-02-01')).toBeUndefined();
  });

  it('564, 565, 566: the type and its dates go together', () => {
    const a = row({ MIS_START: '' });
    const b = row({ MISSING: '' });
    const c = row({ MISSING: '', MIS_START: '' });
    expect(rulesOf([a, b, c]).sort()).toEqual([`564:${a.reference}`, `565:${b.reference}`, `566:${b.reference}`, `566:${c.reference}`].sort());
  });

  it('567: an end before the start; the same day is fine', () => {
    const bad = row({ MIS_START: '05/06/2025', MIS_END: '04/06/2025' });
    expect(rulesOf([bad, row({ MIS_START: '05/07/2025', MIS_END: '05/07/2025' })])).toEqual([`567:${bad.reference}`]);
  });

  it('570 and 571: dates inside the collection year, both boundary days allowed', () => {
    const late = row({ MIS_START: '01/04/2026', MIS_END: '' });
    const endEarly = row({ MIS_START: '01/03/2025', MIS_END: '31/03/2025' });
    const ok = [row({ MIS_START: '31/03/2025', MIS_END: '01/04/2025' }, 'c2'), row({ MIS_START: '30/03/2026', MIS_END: '31/03/2026' }, 'c3')];
    expect(rulesOf([late, endEarly, ...ok]).sort()).toEqual([`570:${late.reference}`, `571:${endEarly.reference}`].sort());
  });

  it('574: periods of one child never overlap, and none starts while another is open', () => {
    const first = row({ MIS_START: '01/06/2025', MIS_END: '05/06/2025' });
    const overlapping = row({ MIS_START: '04/06/2025', MIS_END: '06/06/2025' });
    const sameDay = row({ MIS_START: '06/06/2025', MIS_END: '07/06/2025' });
    const open = row({ MIS_START: '01/07/2025', MIS_END: '' });
    const whileOpen = row({ MIS_START: '02/07/2025', MIS_END: '' });
    const otherChild = row({ MIS_START: '04/06/2025', MIS_END: '06/06/2025' }, 'c2');
    expect(rulesOf([first, overlapping, sameDay, open, whileOpen, otherChild])).toEqual([`574:${overlapping.reference}`, `574:${whileOpen.reference}`]);
  });

  it('575: an episode from a placement that ended must have ended', () => {
    const open = row({ MIS_START: '10/06/2025', MIS_END: '' });
    const closed = row({ MIS_START: '01/06/2025', MIS_END: '02/06/2025' });
    const otherChild = row({ MIS_START: '10/06/2025', MIS_END: '' }, 'c2');
    const placements = [
      { childId: 'c1', startedOn: '2025-01-01', endedOn: '2025-06-20' },
      { childId: 'c2', startedOn: '2025-01-01', endedOn: '2026-04-10' }, // ends after the year: not yet in this return
    ];
    expect(rulesOf([open, closed, otherChild], placements as never)).toEqual([`575:${open.reference}`]);
  });

  it('1005 and 1006: a real end date and a type of M or A', () => {
    const badEnd = row({ MIS_END: '31/06/2025' }, 'c9'); // its own child: an unreadable end also counts as still open for 574
    const badType = row({ MISSING: 'X', MIS_START: '01/08/2025', MIS_END: '02/08/2025' });
    const lower = row({ MISSING: 'm', MIS_START: '01/09/2025', MIS_END: '02/09/2025' });
    expect(rulesOf([badEnd, badType, lower]).sort()).toEqual([`1005:${badEnd.reference}`, `1006:${badType.reference}`, `1006:${lower.reference}`].sort());
  });

  it('names a child with no local authority identifier, and an identifier recorded for two children', () => {
    const anonymous = row({ CHILD: '' });
    const mine = row({ CHILD: 'LA777', MIS_START: '01/05/2025', MIS_END: '01/05/2025' }, 'c5');
    const theirs = row({ CHILD: 'LA777', MIS_START: '01/06/2025', MIS_END: '01/06/2025' }, 'c6');
    expect(rulesOf([anonymous, mine, theirs])).toEqual([`CHILD:${anonymous.reference}`, `CHILD:${mine.reference}`, `CHILD:${theirs.reference}`]);
  });

  it('574 compares the periods of one CHILD, as the DfE does', () => {
    const a = row({ CHILD: 'LA900', MIS_START: '01/06/2025', MIS_END: '05/06/2025' }, 'c7');
    const b = row({ CHILD: 'LA901', MIS_START: '02/06/2025', MIS_END: '03/06/2025' }, 'c8');
    expect(rulesOf([a, b])).toEqual([]);
  });
});
