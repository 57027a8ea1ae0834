import { CalendarDate } from '@safeguard/contracts';
import { z } from 'zod';
import { REASONS_CARE_CEASED } from './ssda903/tables.js';

/**
 * That a child ceased to be looked after: the day their current placement ended (SSDA903 DEC) and why (REC, one of
 * the DfE's codes; X1, a move, is recorded by moving the child). The statutory return reads it (docs/domain.md §7).
 */
export const CareCeasedInput = z.strictObject({ on: CalendarDate, reason: z.enum(REASONS_CARE_CEASED) });
export type CareCeasedInput = z.infer<typeof CareCeasedInput>;

/** What is wrong with ending the current placement on that day: not before it began, and not in the future. */
export function careCeasedProblems(current: { startedOn: string }, input: CareCeasedInput, today: string): { name: string; reason: string }[] {
  if (input.on < current.startedOn) return [{ name: 'body.on', reason: 'is before the current placement began' }];
  if (input.on > today) return [{ name: 'body.on', reason: 'is in the future: record it on the day' }];
  return [];
}
