import { blank, parseDfeDate } from './tables.js';
import type { Rule } from './rule.js';

/**
 * Rule 576 as the DfE applies it: for each child, this year's period with the earliest start (no readable start counts
 * as 01/01/2099; on a tie, the first in the table) must be the period left open in last year's return (a row with no
 * MIS_END). It is flagged when last year has an open period, with a readable start, that starts on another day. A
 * child with no period at all this year is not flagged: the DfE's check looks only at this year's rows.
 *
 * Here last year's table is rebuilt from today's records, as this year's is, so a period left open on 31 March
 * always comes back this year with the same start: 576 fires only when a record starting earlier also runs into
 * this year (one that overlaps the open period, which rule 574 flags too).
 */
export const RULE_576: Rule = {
  code: '576', table: 'Missing', fields: ['CHILD'], fix: "Correct the times of the records left open on 31 March last year, or remove a duplicate record.",
  message: 'There is an open missing/away from placement without authorisation period in last year’s return and there is no corresponding period recorded at the start of this year.',
  flags: (t) => {
    const first = new Map<string, { i: number; start: string }>();
    t.missing.forEach(({ key, row }, i) => {
      const start = parseDfeDate(row.MIS_START) ?? '2099-01-01';
      const seen = first.get(key);
      if (!seen || start < seen.start) first.set(key, { i, start });
    });
    const openLastYear = t.missingLast.filter((e) => blank(e.row.MIS_END));
    return [...first].flatMap(([key, { i, start }]) =>
      openLastYear.some((l) => l.key === key && parseDfeDate(l.row.MIS_START) !== undefined && parseDfeDate(l.row.MIS_START) !== start) ? [i] : [])
      .sort((a, b) => a - b);
  },
};
