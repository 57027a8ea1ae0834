const longDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** A calendar date (YYYY-MM-DD) as GOV.UK writes it, "19 July 2026"; nothing as ''; anything else as it is. */
export function ukDate(day: string | null | undefined): string {
  if (!day) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? longDate.format(new Date(`${day}T00:00:00Z`)) : day;
}
