import type { EpisodeTrackerHttp, IntakeHttp, Share } from '@safeguard/contracts';
import { LINK_LABELS } from '../labels.js';

/** The flat rows the insight tables and CSV files show, from the services' answers (@safeguard/contracts). */
type Compliance = EpisodeTrackerHttp.Compliance;
type Patterns = IntakeHttp.Patterns;
type MissingReturn = IntakeHttp.MissingReturn;

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const MONTH_KEYS = ['apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'jan', 'feb', 'mar'];

/** '2025-04' → 'Apr 2025'. */
export const monthLabel = (m: string) => `${MONTHS[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`;

/** A share as a whole percentage, or null when nothing was due. */
export const pct = (s: Share): number | null => (s.due === 0 ? null : Math.round((100 * s.inTime) / s.due));

export const COMPLIANCE_COLUMNS = [
  { key: 'month', label: 'Month' },
  { key: 'episodes', label: 'Episodes' },
  { key: 'children', label: 'Children' },
  { key: 'medianHours', label: 'Median hours missing' },
  { key: 'p90Hours', label: '90th percentile hours' },
  { key: 'interviewsOffered', label: 'Return interviews offered in 72 h' },
  { key: 'interviewsDone', label: 'Return interviews done in 72 h' },
  { key: 'interviewsDue', label: 'Return interviews due' },
  { key: 'meetingsSameDay', label: 'Strategy meetings held the same day' },
  { key: 'meetingsWithin24h', label: 'Strategy meetings held within 24 h' },
  { key: 'meetingsDue', label: 'Strategy meetings due' },
  { key: 'alertsAcknowledged', label: 'Alerts acknowledged in time' },
  { key: 'alertsDue', label: 'Alerts expecting acknowledgement' },
  { key: 'policeInTime', label: "Police told in the ladder's time" },
  { key: 'policeDue', label: 'Episodes with a police time' },
  { key: 'reportToAlertMedianSeconds', label: 'Report to alert, median seconds' },
  { key: 'reportToAlertP95Seconds', label: 'Report to alert, 95th percentile seconds' },
] as const;

/** One row per month, then the whole year. */
export function complianceRows(c: Compliance): Record<string, string | number>[] {
  return [...c.months, c.total].map((m, i) => ({
    month: i < c.months.length ? m.month : `Year ${c.year}`, episodes: m.episodes, children: m.children,
    medianHours: m.durationHours?.median ?? '', p90Hours: m.durationHours?.p90 ?? '',
    interviewsOffered: m.returnInterviewsOffered.inTime, interviewsDone: m.returnInterviewsDone.inTime, interviewsDue: m.returnInterviewsOffered.due,
    meetingsSameDay: m.strategyMeetingsSameDay.inTime, meetingsWithin24h: m.strategyMeetingsWithinLimit.inTime, meetingsDue: m.strategyMeetingsWithinLimit.due,
    alertsAcknowledged: m.alertsAcknowledged.inTime, alertsDue: m.alertsAcknowledged.due,
    policeInTime: m.policeInformed.inTime, policeDue: m.policeInformed.due,
    reportToAlertMedianSeconds: m.reportToAlertSeconds?.median ?? '', reportToAlertP95Seconds: m.reportToAlertSeconds?.p95 ?? '',
  }));
}

export const repeatRows = (p: Patterns) =>
  p.repeats.map((r) => ({ CHILD: r.CHILD, name: r.childName, total: r.total, ...Object.fromEntries(r.byMonth.map((n, i) => [MONTH_KEYS[i], n])) }));

export const placeRows = (places: IntakeHttp.PlaceCount[]) => places.map((x) => ({ ...x }));

export const linkRows = (p: Patterns) => p.links.map((l) => ({
  kind: LINK_LABELS[l.kind],
  first: `${l.children[0].childName} (${l.children[0].CHILD})`,
  second: `${l.children[1].childName} (${l.children[1].CHILD})`,
  shared: l.detail,
  episodes: l.episodes.join(' '),
}));

/** The return's failures, a row each, by child (those with no identifier last) then rule: the DfE's words, the fields to fix and what to change here. */
export const failureRows = (r: MissingReturn) => [...r.failures]
  .sort((a, b) => Number(a.CHILD === '') - Number(b.CHILD === '') || a.CHILD.localeCompare(b.CHILD) || a.childName.localeCompare(b.childName)
    || a.rule.localeCompare(b.rule, 'en', { numeric: true }))
  .map((f) => ({
    CHILD: f.CHILD, childName: f.childName, table: f.table, reference: f.reference, rule: f.rule,
    fields: f.fields.map((c) => `${f.table}.${c}`).join(' '), message: f.message, fix: f.fix,
  }));

export const FAILURE_COLUMNS = ['CHILD', 'childName', 'table', 'reference', 'rule', 'fields', 'message', 'fix'] as const;

/** The tables beside Missing, and which of their columns this system leaves blank for the case management system. */
export const otherTables = (r: MissingReturn) => (['Header', 'Episodes'] as const).map((name) => {
  const t = r.tables[name];
  return { name, file: `${name.toLowerCase()}.csv`, rows: t.rows, known: t.known, blank: t.columns.filter((c) => !t.known.includes(c)) };
});
