import { z } from 'zod';

/** UK calendar rules shared by the services: statutory days and months are UK (GMT/BST) days and months. */

/** A DfE collection year, written as the DfE writes it: '2025-26' runs from 1 April 2025 to 31 March 2026. */
export const CollectionYear = z.string().regex(/^\d{4}-\d{2}$/, { message: 'a collection year such as 2025-26', abort: true })
  .refine((y) => (Number(y.slice(0, 4)) + 1) % 100 === Number(y.slice(5)), 'the second year must follow the first, e.g. 2025-26');
export type CollectionYear = z.infer<typeof CollectionYear>;

/** The collection year that starts on 1 April of the given year: 2025 → '2025-26'. */
export const collectionYearStarting = (first: number) => `${first}-${String((first + 1) % 100).padStart(2, '0')}`;

/** First and last UK calendar days (YYYY-MM-DD) of a collection year. */
export function collectionYearBounds(year: string): { start: string; end: string } {
  const first = Number(year.slice(0, 4));
  return { start: `${first}-04-01`, end: `${first + 1}-03-31` };
}

/** The collection year a UK calendar day falls in. */
export function collectionYearOf(day: string): string {
  const y = Number(day.slice(0, 4));
  const first = day.slice(5) >= '04-01' ? y : y - 1;
  return collectionYearStarting(first);
}

/** The twelve months of a collection year, April first, as 'YYYY-MM'. */
export function collectionYearMonths(year: string): string[] {
  const first = Number(year.slice(0, 4));
  return Array.from({ length: 12 }, (_, i) => {
    const m = (3 + i) % 12;
    return `${first + (i >= 9 ? 1 : 0)}-${String(m + 1).padStart(2, '0')}`;
  });
}

const ukParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short',
});

/** The UK wall-clock calendar day, hour and weekday (0 = Monday) of an instant: statutory days are UK days. */
export function ukClock(at: Date): { day: string; month: string; hour: number; weekday: number } {
  const p = Object.fromEntries(ukParts.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    day: `${p.year}-${p.month}-${p.day}`, month: `${p.year}-${p.month}`, hour: Number(p.hour),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday!),
  };
}

const ukDateTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });

/** An instant as people read it on a page or in an email: UK time, e.g. "25 Nov 2026, 17:30". */
export const formatUkDateTime = (at: Date | string) => ukDateTime.format(new Date(at));

/** The last instant of the same calendar day in the UK (GMT or BST). */
export function endOfUkDay(at: Date): Date {
  const { day } = ukClock(at);
  const [y, m, d] = day.split('-').map(Number);
  // The next UK midnight is 00:00 UTC in winter and 23:00 UTC the evening before in summer.
  const nextUtcMidnight = Date.UTC(y!, m! - 1, d! + 1);
  const summer = ukClock(new Date(nextUtcMidnight - 3_600_000)).day !== day;
  return new Date((summer ? nextUtcMidnight - 3_600_000 : nextUtcMidnight) - 1);
}
