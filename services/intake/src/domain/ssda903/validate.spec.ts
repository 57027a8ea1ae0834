import { describe, expect, it } from '@jest/globals';
import { returnTables, type AbsenceDays, type ChildFacts, type PlacementDays } from './build.js';
import { SSDA903_RULES, validateReturn } from './validate.js';

const child = (childId: string, laChildId: string | null, dateOfBirth = '2010-05-01'): ChildFacts => ({ childId, laChildId, dateOfBirth });
const placed = (childId: string, startedOn: string, endedOn: string | null = null, ceasedReason: string | null = null): PlacementDays =>
  ({ childId, startedOn, endedOn, ceasedReason });
let n = 0;
const away = (c: ChildFacts, startedOn: string, endedOn: string | null): AbsenceDays =>
  ({ reference: `MFC-${++n}`, childId: c.childId, laChildId: c.laChildId, dateOfBirth: c.dateOfBirth, classification: 'M', startedOn, endedOn });
const check = (children: ChildFacts[], placements: PlacementDays[], absences: AbsenceDays[], absencesLastYear: AbsenceDays[] = []) =>
  validateReturn(returnTables({ year: '2025-26', previousYear: '2024-25', children, placements, absences, absencesLastYear }))
    .map((f) => `${f.rule}:${f.table}:${f.reference}`);

describe('validating a return', () => {
  it('checks every DfE rule that reads the Missing table, in code order', () => {
    expect(SSDA903_RULES.map((r) => r.code)).toEqual(['564', '565', '566', '567', '570', '571', '574', '575', '576', '577', '578', '580', '581',
      '586', '1004', '1005', '1006', '1012', 'INT04', 'INT13']);
    for (const r of SSDA903_RULES) expect(r.message.length * r.fields.length * r.fix.length).toBeGreaterThan(0);
  });

  it('passes a clean year', () => {
    const a = child('c1', 'LA001');
    expect(check([a], [placed('c1', '2024-01-15')], [away(a, '2025-06-01', '2025-06-02'), away(a, '2026-03-30', null)])).toEqual([]);
  });

  it('names a child with no identifier, and an identifier held by two children whatever its case', () => {
    const none = child('c1', null);
    const mine = child('c2', 'ab12');
    const theirs = child('c3', 'AB12');
    const absences = [away(none, '2025-06-01', '2025-06-02'), away(mine, '2025-06-01', '2025-06-02'), away(theirs, '2025-06-01', '2025-06-03')];
    // The DfE reads ab12 as AB12: one child, whose periods overlap.
    const failures = check([none, mine, theirs], ['c1', 'c2', 'c3'].map((c) => placed(c, '2024-01-15')), absences);
    expect(failures).toEqual([`CHILD:Missing:${absences[0]!.reference}`, `CHILD:Missing:${absences[1]!.reference}`,
      `CHILD:Missing:${absences[2]!.reference}`, `574:Missing:${absences[2]!.reference}`]);
  });

  it('never groups children with no identifier (eleven children, each with one open period)', () => {
    const children = Array.from({ length: 11 }, (_, i) => child(`c${i}`, null));
    const failures = check(children, children.map((c) => placed(c.childId, '2024-01-15')), children.map((c) => away(c, '2026-02-01', null)));
    expect(failures.every((f) => f.startsWith('CHILD:'))).toBe(true);
    expect(failures).toHaveLength(11);
  });

  it('judges a period against this year\'s placements: one from a placement that ended last year is 1012 and INT04, not 575', () => {
    const a = child('c1', 'LA001');
    const left = away(a, '2025-02-01', null);
    expect(check([a], [placed('c1', '2024-01-15', '2025-03-01', 'E4A')], [left])).toEqual([`1012:Missing:${left.reference}`, `INT04:Missing:${left.reference}`]);
  });

  it('names the placement for a rule on the Episodes table (580)', () => {
    const a = child('c1', 'LA001', '2007-10-05');
    expect(check([a], [placed('c1', '2024-01-15', '2025-10-05', 'E4A')], [away(a, '2025-10-01', '2025-10-05')])).toEqual(['580:Episodes:Placement from 15/01/2024']);
  });

  it('reads last year\'s open periods for 576', () => {
    const a = child('c1', 'LA001');
    const first = away(a, '2025-03-20', '2025-04-02');
    const second = away(a, '2025-03-25', '2025-04-03');
    expect(check([a], [placed('c1', '2024-01-15')], [first, second], [first, second]))
      .toEqual([`574:Missing:${second.reference}`, `576:Missing:${first.reference}`]);
  });
});
