import { RULE_576 } from './rule-576.js';
import { where, type Rule } from './rule.js';
import { EPISODE_RULES } from './rules-episodes.js';
import { INTEGRITY_RULES } from './rules-integrity.js';
import { MISSING_RULES } from './rules-missing.js';
import { blank, type Entry, type ReturnTables, type TableName } from './tables.js';

/** Every DfE rule that reads the Missing table (alone, or joined with Header, Episodes or last year's Missing table). */
export const SSDA903_RULES: Rule[] = [...MISSING_RULES, ...EPISODE_RULES, RULE_576, ...INTEGRITY_RULES]
  .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));

/** This system's own checks before the DfE's: the return needs the council's identifier for each child, one per child. */
const LOCAL_CHECKS: Rule[] = [
  {
    code: 'CHILD', table: 'Missing', fields: ['CHILD'], fix: "Add the council's child identifier to the child's record.",
    message: 'No local authority child identifier is recorded.',
    flags: (t) => where(t.missing, ({ row }) => blank(row.CHILD)),
  },
  {
    code: 'CHILD', table: 'Missing', fields: ['CHILD'], fix: "Correct the child identifier on one of the children's records.",
    message: 'The same local authority child identifier is recorded for another child.',
    flags: (t) => {
      const holders = new Map<string, Set<string>>();
      for (const e of t.missing) if (!blank(e.row.CHILD)) holders.set(e.key, (holders.get(e.key) ?? new Set()).add(e.childId));
      return where(t.missing, ({ key }) => (holders.get(key)?.size ?? 0) > 1);
    },
  },
];

export interface RuleFailure {
  rule: string;
  table: TableName;
  message: string;
  fields: string[];
  fix: string;
  childId: string;
  /** The episode reference (Missing) or the placement (Episodes). */
  reference: string;
}

/** Applies every check to a return; each failure names the rule, the table, the fields and the row's child. */
export function validateReturn(t: ReturnTables): RuleFailure[] {
  const rows: Record<TableName, Entry<unknown>[]> = { Header: t.header, Episodes: t.episodes, Missing: t.missing };
  return [...LOCAL_CHECKS, ...SSDA903_RULES].flatMap((rule) => rule.flags(t).map((i) => {
    const entry = rows[rule.table][i]!;
    return {
      rule: rule.code, table: rule.table, message: rule.message, fields: [...rule.fields], fix: rule.fix,
      childId: entry.childId, reference: entry.ref,
    };
  }));
}
