import { collectionYearMonths, isPoliceRole, ukClock, type MonthFigures, type Share } from '@safeguard/contracts';
import type { Policy, LadderName } from './policy.js';

/**
 * Compliance figures per month of a collection year: what inspectors and the council's leaders ask for. An episode
 * counts in the month it was discovered (UK time); a deadline counts once it has passed or been met.
 */
export interface EpisodeFacts {
  id: string;
  childId: string;
  discoveredAt: Date;
  reportedAt: Date | null;
  returnedAt: Date | null;
  policeInformedAt: Date | null;
  /** How soon the ladder expects the police to have been told; null when it sets no time. */
  policeWithinSeconds: number | null;
}

export interface TaskFacts {
  episodeId: string;
  kind: string;
  dueAt: Date;
  hardDueAt: Date | null;
  completedAt: Date | null;
  refused: boolean;
}

export interface AlertFacts {
  episodeId: string;
  isOrigin: boolean;
  ackDeadline: Date | null;
  acknowledgedAt: Date | null;
  deliveredAt: Date | null;
}

/** Linear interpolation between closest ranks (the spreadsheet PERCENTILE.INC), so a median of 2 and 4 is 3. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (rank - lo);
}

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * The ladder's time for telling the police: the first rung that escalates when there is no police reference yet,
 * else the first rung that alerts a police role. A ladder with neither sets no time.
 */
export function policeWithinSeconds(policy: Policy, ladder: LadderName): number | null {
  const rungs = policy.ladders[ladder].rungs;
  const rung = rungs.find((r) => r.onlyIf === 'no-police-reference') ?? rungs.find((r) => r.audiences.some((a) => isPoliceRole(a.role)));
  return rung ? rung.afterSeconds : null;
}

function share<T>(items: T[], deadline: (t: T) => Date | null, doneAt: (t: T) => Date | null, asOf: Date, ok: (t: T) => boolean = () => true): Share {
  const counted = items.filter((t) => {
    const d = deadline(t);
    return d !== null && (doneAt(t) !== null || d <= asOf);
  });
  return { due: counted.length, inTime: counted.filter((t) => doneAt(t) !== null && doneAt(t)! <= deadline(t)! && ok(t)).length };
}

function figures(month: string, episodes: EpisodeFacts[], tasks: TaskFacts[], alerts: AlertFacts[], asOf: Date): MonthFigures {
  const ids = new Set(episodes.map((e) => e.id));
  const mine = <T extends { episodeId: string }>(xs: T[]) => xs.filter((x) => ids.has(x.episodeId));
  const interviews = mine(tasks).filter((t) => t.kind === 'return-home-interview');
  const meetings = mine(tasks).filter((t) => t.kind === 'strategy-meeting');
  const durations = episodes.filter((e) => e.returnedAt).map((e) => (e.returnedAt!.getTime() - e.discoveredAt.getTime()) / 3_600_000);
  const firstDelivery = new Map<string, number>();
  for (const a of mine(alerts)) {
    if (a.deliveredAt) firstDelivery.set(a.episodeId, Math.min(firstDelivery.get(a.episodeId) ?? Infinity, a.deliveredAt.getTime()));
  }
  const latencies = episodes.filter((e) => e.reportedAt && firstDelivery.has(e.id))
    .map((e) => (firstDelivery.get(e.id)! - e.reportedAt!.getTime()) / 1000);
  return {
    month,
    episodes: episodes.length,
    children: new Set(episodes.map((e) => e.childId)).size,
    durationHours: durations.length ? { median: round(percentile(durations, 50)), p90: round(percentile(durations, 90)) } : null,
    returnInterviewsOffered: share(interviews, (t) => t.dueAt, (t) => t.completedAt, asOf),
    returnInterviewsDone: share(interviews, (t) => t.dueAt, (t) => t.completedAt, asOf, (t) => !t.refused),
    strategyMeetingsSameDay: share(meetings, (t) => t.dueAt, (t) => t.completedAt, asOf),
    strategyMeetingsWithinLimit: share(meetings, (t) => t.hardDueAt ?? t.dueAt, (t) => t.completedAt, asOf),
    alertsAcknowledged: share(mine(alerts).filter((a) => a.isOrigin), (a) => a.ackDeadline, (a) => a.acknowledgedAt, asOf),
    policeInformed: share(episodes.filter((e) => e.policeWithinSeconds !== null),
      (e) => new Date(e.discoveredAt.getTime() + e.policeWithinSeconds! * 1000), (e) => e.policeInformedAt, asOf),
    reportToAlertSeconds: latencies.length ? { median: round(percentile(latencies, 50), 3), p95: round(percentile(latencies, 95), 3) } : null,
  };
}

/** Twelve months, April first, and the whole year. */
export function complianceFigures(year: string, episodes: EpisodeFacts[], tasks: TaskFacts[], alerts: AlertFacts[], asOf: Date) {
  const months = collectionYearMonths(year);
  const inYear = episodes.filter((e) => months.includes(ukClock(e.discoveredAt).month));
  return {
    months: months.map((m) => figures(m, inYear.filter((e) => ukClock(e.discoveredAt).month === m), tasks, alerts, asOf)),
    total: figures(year, inYear, tasks, alerts, asOf),
  };
}
