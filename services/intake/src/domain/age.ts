import { ukClock } from '@safeguard/contracts';

/**
 * Age in whole years on a calendar day (both YYYY-MM-DD). A birthday is reached on its month and day; a child born
 * on 29 February reaches it on 1 March in a common year (as in English law). Never negative: a day before the birth
 * (a register error) counts as 0.
 */
export function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  const beforeBirthday = day.slice(5) < dateOfBirth.slice(5); // 'MM-DD' compares as the calendar does
  return Math.max(0, years - (beforeBirthday ? 1 : 0));
}

/** The age that counts for an episode: on the UK calendar day the absence was discovered. */
export const ageAtDiscovery = (dateOfBirth: string, discoveredAt: Date): number => ageOn(dateOfBirth, ukClock(discoveredAt).day);
