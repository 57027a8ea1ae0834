import { z } from 'zod';
import type { Role, Scope } from './codes.js';

/**
 * Council managers who may see the statutory return, compliance figures and prevention patterns of their own
 * council. Staff outside this list, or outside the council, never see them.
 */
export const INSIGHT_ROLES: readonly Role[] = ['team-manager', 'service-manager', 'assistant-director', 'director', 'senior-management'];
export const mayViewInsight = (who: { role: string; scope: Scope }, council: string): boolean =>
  (INSIGHT_ROLES as readonly string[]).includes(who.role) && who.scope.kind === 'council' && who.scope.id === council;

/** A DfE collection year, written as the DfE writes it: '2025-26' runs from 1 April 2025 to 31 March 2026. */
export const CollectionYear = z.string().regex(/^\d{4}-\d{2}$/, { message: 'a collection year such as 2025-26', abort: true })
  .refine((y) => (Number(y.slice(0, 4)) + 1) % 100 === Number(y.slice(5)), 'the second year must follow the first, e.g. 2025-26');
export type CollectionYear = z.infer<typeof CollectionYear>;

/** First and last UK calendar days (YYYY-MM-DD) of a collection year. */
export function collectionYearBounds(year: string): { start: string; end: string } {
  const first = Number(year.slice(0, 4));
  return { start: `${first}-04-01`, end: `${first + 1}-03-31` };
}

/** The collection year a UK calendar day falls in. */
export function collectionYearOf(day: string): string {
  const y = Number(day.slice(0, 4));
  const first = day.slice(5) >= '04-01' ? y : y - 1;
  return `${first}-${String((first + 1) % 100).padStart(2, '0')}`;
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
