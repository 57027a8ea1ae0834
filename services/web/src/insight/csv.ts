/**
 * CSV as spreadsheets and the DfE's loader read it (RFC 4180). Free text that a spreadsheet would run as a formula
 * is neutralised with a leading apostrophe; numbers are written as they are.
 */
export function toCsv(columns: readonly string[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return String(v);
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
