import { describe, expect, it } from '@jest/globals';
import { IntakeHttp } from '@safeguard/contracts';
import { toCsv } from './csv.js';
import { failureRows, FAILURE_COLUMNS, otherTables } from './views.js';

const CHILD = '7a1c2d3e-0000-4000-8000-000000000001';
const failure = (over: Partial<IntakeHttp.MissingReturn['failures'][number]>) => ({
  childId: CHILD, CHILD: 'SY0001', childName: 'Synthetic1 Child', rule: '574', table: 'Missing' as const, reference: 'MFC-2025-900001',
  message: 'A new missing/away from placement without authorisation period cannot start when the previous ... is still open.',
  fields: ['MIS_START', 'MIS_END'], fix: 'Correct the times of the overlapping episodes, or remove a duplicate record.', ...over,
});
const answer = IntakeHttp.MissingReturn.parse({
  columns: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'], checkedRules: ['574', '580'], rows: [],
  rules: [{ code: '580', message: 'Child is missing when cease being looked after but reason episode ceased not ‘E8’.', table: 'Episodes', fields: ['REC'], fix: 'Record E8.' }],
  failures: [
    failure({ rule: '580', table: 'Episodes', reference: 'Placement from 15/01/2024', fields: ['REC'], CHILD: 'SY0013', childName: 'Synthetic13 Child' }),
    failure({ rule: '1012', fields: ['CHILD'] }), failure({}), failure({ CHILD: '', childName: 'No Id' }),
  ],
  tables: {
    Header: { columns: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'], known: ['CHILD', 'DOB'], rows: 12 },
    Episodes: { columns: ['CHILD', 'DECOM', 'RNE', 'LS', 'DEC', 'REC'], known: ['CHILD', 'DECOM', 'RNE', 'DEC', 'REC'], rows: 14 },
  },
});

describe('the return page and its downloads', () => {
  it('lists failures by child then rule, naming each field with its table', () => {
    const rows = failureRows(answer);
    expect(rows.map((r) => `${r.CHILD}:${r.rule}`)).toEqual(['SY0001:574', 'SY0001:1012', 'SY0013:580', ':574']);
    expect(rows[2]).toMatchObject({ table: 'Episodes', reference: 'Placement from 15/01/2024', fields: 'Episodes.REC' });
    expect(rows[0]!.fields).toBe('Missing.MIS_START Missing.MIS_END');
    const csv = toCsv(FAILURE_COLUMNS, rows).split('\r\n');
    expect(csv[0]).toBe('CHILD,childName,table,reference,rule,fields,message,fix');
    expect(csv).toHaveLength(rows.length + 2);
  });

  it('says which columns of Header and Episodes this system fills, and which it leaves blank', () => {
    expect(otherTables(answer)).toEqual([
      { name: 'Header', file: 'header.csv', rows: 12, known: ['CHILD', 'DOB'], blank: ['SEX', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'] },
      { name: 'Episodes', file: 'episodes.csv', rows: 14, known: ['CHILD', 'DECOM', 'RNE', 'DEC', 'REC'], blank: ['LS'] },
    ]);
  });

  it('refuses an answer whose failure does not say its table, naming the field', () => {
    const { table: _gone, ...noTable } = answer.failures[0]!;
    const r = IntakeHttp.MissingReturn.safeParse({ ...answer, failures: [noTable] });
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['failures.0.table']);
  });
});
