import { parseDfeDate } from './tables.js';
import { byKey, where, type Rule } from './rule.js';

/** The DfE's internal checks between the Header and Missing tables. */
export const INTEGRITY_RULES: Rule[] = [
  {
    code: 'INT04', table: 'Missing', fields: ['CHILD'], fix: "Record the child's placement in this year, or correct which child the episode is recorded against.",
    message: 'Internal Check: Child in Missing does not exist in Header.',
    flags: (t) => {
      const header = byKey(t.header);
      return where(t.missing, ({ key }) => !header.has(key));
    },
  },
  {
    code: 'INT13', table: 'Missing', fields: ['DOB'], fix: "Correct the child's date of birth in the register.",
    message: 'Internal Check: DOB in Missing is different to DOB in Header.',
    flags: (t) => {
      const header = byKey(t.header);
      return where(t.missing, ({ key, row }) => {
        const dob = parseDfeDate(row.DOB);
        return dob !== undefined && (header.get(key) ?? []).some((h) => {
          const theirs = parseDfeDate(h.row.DOB);
          return theirs !== undefined && theirs !== dob;
        });
      });
    },
  },
];
