/** Statutory deadlines, the repeat rule and regulation 40 events, as pure functions (docs/domain.md §3, §4). */
import { endOfUkDay, type NotifiableEvent } from '@safeguard/contracts';

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

/**
 * The regulation 40 events known on an episode: those reported during it, and sexual exploitation when the child's
 * profile records that concern (a child at known risk of it is missing). Each kind once.
 */
export function regulation40Events(e: { flags: { sexualExploitation: boolean }; notifiableEvents: readonly NotifiableEvent[] }): NotifiableEvent[] {
  const known: NotifiableEvent[] = e.flags.sexualExploitation ? ['sexual-exploitation-suspected'] : [];
  return [...new Set([...known, ...e.notifiableEvents])];
}
