import { z } from 'zod';
import { CollectionYear } from './calendar.js';
import { OrgCode, type Role } from './codes.js';

/**
 * Council managers who may see the statutory return, compliance figures and prevention patterns of their own
 * council. Staff outside this list, or outside the council, never see them.
 */
export const INSIGHT_ROLES: readonly Role[] = ['team-manager', 'service-manager', 'assistant-director', 'director', 'senior-management'];

/** Who watches the council's NRM referrals for their Reasonable Grounds decision: its managers, social workers and NRM first responders. */
export const NRM_WATCH_ROLES: readonly Role[] = [...INSIGHT_ROLES, 'social-worker', 'nrm-first-responder'];

/** A deadline-bound duty: how many fell due (or were met early), and how many were met in time. */
export interface Share {
  due: number;
  inTime: number;
}

/** The compliance figures of one month (or of the whole year) as episode-tracker serves them and the console shows them. */
export interface MonthFigures {
  month: string;
  episodes: number;
  children: number;
  durationHours: { median: number; p90: number } | null;
  returnInterviewsOffered: Share;
  returnInterviewsDone: Share;
  /** Held the same UK day (Wirral), and within the 24 h hard limit (Tees). */
  strategyMeetingsSameDay: Share;
  strategyMeetingsWithinLimit: Share;
  alertsAcknowledged: Share;
  policeInformed: Share;
  reportToAlertSeconds: { median: number; p95: number } | null;
}

/** The query of every insight view: one council and one collection year. */
export const InsightQuery = z.strictObject({ council: OrgCode, year: CollectionYear });
