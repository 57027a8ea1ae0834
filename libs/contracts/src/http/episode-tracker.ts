import { z } from 'zod';
import { CollectionYear } from '../calendar.js';
import { AbsenceClassification, AlertAsk, ChildId, EpisodeId, HomeId, NotifiableEvent, OrgCode, RiskLevel, Role, ScopeKind, TaskKind } from '../codes.js';
import type { MonthFigures } from '../insight.js';
import { FactorCode, OverrideCode } from '../risk-codes.js';
import { ServedInstant } from './served.js';

/*
 * The episode-tracker's HTTP answers (api/v1) as the console reads them: one schema per answer, with the fields the
 * console uses. Not strict: the tracker may add fields. A field missing or changed fails the console's parse, naming
 * the field, instead of rendering a broken page.
 */

const count = z.int().nonnegative();

/** The escalation plan an episode follows (docs/domain.md §4), from the laxest to the strictest. */
export const Ladder = z.enum(['S-low', 'S-medium', 'S-high', 'T']);
export type Ladder = z.infer<typeof Ladder>;

export const EpisodeState = z.enum(['open', 'returned', 'closed']);
export type EpisodeState = z.infer<typeof EpisodeState>;

export const TaskState = z.enum(['open', 'done']);
export type TaskState = z.infer<typeof TaskState>;

/** What every view of an episode carries. */
const EpisodeHeader = z.object({
  id: EpisodeId,
  reference: z.string(),
  childId: ChildId,
  /** The home the child was reported from: the console names it (and its staff) in words. */
  homeId: HomeId,
  classification: AbsenceClassification,
  state: EpisodeState,
  /** Null until the first assessment (or the profile's flags) sets it. */
  level: RiskLevel.nullable(),
  ladder: Ladder.nullable(),
  policeReference: z.string().nullable(),
  discoveredAt: ServedInstant,
  /** Null once the child has returned. */
  missingForMinutes: z.int().nullable(),
});

/** GET /episodes: one episode in the caller's scope, with what needs attention. */
export const EpisodeSummary = EpisodeHeader.extend({
  unacknowledgedAlerts: count,
  overdueTasks: count,
});
export type EpisodeSummary = z.infer<typeof EpisodeSummary>;

export const EpisodeList = z.object({ episodes: z.array(EpisodeSummary) });
export type EpisodeList = z.infer<typeof EpisodeList>;

/** An alert asked of an audience (a role in a scope); the latest attempt of a chain is the one to acknowledge. */
export const Alert = z.object({
  id: z.uuid(),
  episodeId: EpisodeId,
  originAlertId: z.uuid(),
  role: Role,
  /** Where the role is held: "Home duty manager, Oak House". */
  scopeKind: ScopeKind,
  scopeId: z.string(),
  ask: AlertAsk,
  /** The task whose deadline was missed, for a deadline-missed alert. */
  missed: TaskKind.nullable(),
  level: RiskLevel,
  attempt: z.int().positive(),
  /** Null when the alert is for information only. */
  ackDeadline: ServedInstant.nullable(),
  acknowledgedAt: ServedInstant.nullable(),
  deliveryState: z.string(),
});
export type Alert = z.infer<typeof Alert>;

/** A statutory follow-up and its deadlines. */
export const Task = z.object({
  id: z.uuid(),
  kind: TaskKind,
  /** For notify-ofsted: the regulation 40 event it is about (one task per kind of event). */
  notifiableEvent: NotifiableEvent.nullable(),
  state: TaskState,
  dueAt: ServedInstant,
  hardDueAt: ServedInstant.nullable(),
  breachedAt: ServedInstant.nullable(),
  invitees: z.array(z.string()),
  /** Absent when the caller may not read it: the police never get a return interview's account. */
  outcome: z.string().nullable().optional(),
  /** Whether the caller may record this task as done (the tracker's access rules, docs/access.md). */
  mayComplete: z.boolean(),
});
export type Task = z.infer<typeof Task>;

export const TimelineEntry = z.object({ at: ServedInstant, what: z.string(), why: z.string() });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** GET /episodes/{id}: the episode, why its level, its tasks, its alerts and its timeline. */
export const EpisodeDetail = EpisodeHeader.extend({
  factors: z.array(z.object({ code: FactorCode, points: z.int() })),
  overrides: z.array(OverrideCode),
  tasks: z.array(Task),
  alerts: z.array(Alert),
  timeline: z.array(TimelineEntry),
});
export type EpisodeDetail = z.infer<typeof EpisodeDetail>;

/** GET /alerts/awaiting: alerts waiting for the caller's acknowledgement, with their episode. */
export const AwaitingAlert = Alert.extend({ reference: z.string(), discoveredAt: ServedInstant, ackDeadline: ServedInstant });
export type AwaitingAlert = z.infer<typeof AwaitingAlert>;

export const AwaitingAlerts = z.object({ alerts: z.array(AwaitingAlert) });
export type AwaitingAlerts = z.infer<typeof AwaitingAlerts>;

const Share = z.object({ due: count, inTime: count });

/** The compliance figures of one month, or of the whole year (`MonthFigures`, as a schema). */
export const ComplianceFigures = z.object({
  month: z.string(),
  episodes: count,
  children: count,
  durationHours: z.object({ median: z.number(), p90: z.number() }).nullable(),
  returnInterviewsOffered: Share,
  returnInterviewsDone: Share,
  strategyMeetingsSameDay: Share,
  strategyMeetingsWithinLimit: Share,
  alertsAcknowledged: Share,
  policeInformed: Share,
  reportToAlertSeconds: z.object({ median: z.number(), p95: z.number() }).nullable(),
});
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** The schema and the `MonthFigures` interface are one shape: a change to either alone fails to compile here. */
export type ComplianceFiguresAreMonthFigures = Assert<Same<z.infer<typeof ComplianceFigures>, MonthFigures>>;

/** GET /insight/compliance: a council's figures for a collection year, by month and for the year. */
export const Compliance = z.object({
  council: OrgCode,
  year: CollectionYear,
  months: z.array(ComplianceFigures),
  total: ComplianceFigures,
});
export type Compliance = z.infer<typeof Compliance>;
