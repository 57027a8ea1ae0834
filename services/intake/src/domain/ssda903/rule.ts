import type { Entry, ReturnTables, TableName } from './tables.js';

/**
 * One DfE validation rule, re-implemented from the DfE's published logic (the `csc-validator-be-903` rules the DfE
 * and Social Finance publish; see docs/domain.md §7): its code, the DfE's own words, the table whose rows it flags and
 * the fields it names, and what to change in this system's records to clear it.
 */
export interface Rule {
  code: string;
  message: string;
  table: TableName;
  fields: string[];
  fix: string;
  /** The indexes of the flagged rows of `table`, ascending. */
  flags(t: ReturnTables): number[];
}

/** Indexes of the entries that pass a test. */
export const where = <R>(entries: Entry<R>[], test: (e: Entry<R>, i: number) => boolean): number[] =>
  entries.flatMap((e, i) => (test(e, i) ? [i] : []));

/** Entries grouped by join key (the DfE's merge on CHILD). */
export function byKey<R>(entries: Entry<R>[]): Map<string, Entry<R>[]> {
  const groups = new Map<string, Entry<R>[]>();
  for (const e of entries) groups.set(e.key, [...(groups.get(e.key) ?? []), e]);
  return groups;
}

/** Orders optional ISO days as pandas sorts dates: a missing one (NaT) last. */
export const dayOrder = (a: string | undefined, b: string | undefined) =>
  a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1;
