/** Statutory deadlines and the repeat rule, as pure functions of the clock (docs/domain.md §3, §4). */
import { endOfUkDay } from '@safeguard/contracts';

/** Strategy meeting: due the same day (Wirral), and never later than the hard limit after the decision (Tees). */
export function strategyMeetingDue(createdAt: Date, hardLimitSeconds: number): { dueAt: Date; hardDueAt: Date } {
  const hardDueAt = new Date(createdAt.getTime() + hardLimitSeconds * 1000);
  const sameDay = endOfUkDay(createdAt);
  return { dueAt: sameDay < hardDueAt ? sameDay : hardDueAt, hardDueAt };
}

/** Repeat rule: 3 episodes in 90 days, 2 in 30, or any second episode of a trafficked or UASC child. */
export function needsRepeatMeeting(
  priorDiscoveries: Date[],
  discoveredAt: Date,
  flags: { trafficked: boolean; uascOrSeparated: boolean },
): boolean {
  const within = (days: number) => priorDiscoveries.filter((d) => discoveredAt.getTime() - d.getTime() <= days * 86_400_000).length;
  if (within(90) + 1 >= 3 || within(30) + 1 >= 2) return true;
  return (flags.trafficked || flags.uascOrSeparated) && priorDiscoveries.length >= 1;
}
