import { z } from 'zod';
import { CollectionYear } from './calendar.js';
import { OrgCode, type Role, type Scope } from './codes.js';

/**
 * Council managers who may see the statutory return, compliance figures and prevention patterns of their own
 * council. Staff outside this list, or outside the council, never see them.
 */
export const INSIGHT_ROLES: readonly Role[] = ['team-manager', 'service-manager', 'assistant-director', 'director', 'senior-management'];
export const mayViewInsight = (who: { role: string; scope: Scope }, council: string): boolean =>
  (INSIGHT_ROLES as readonly string[]).includes(who.role) && who.scope.kind === 'council' && who.scope.id === council;

/** The query of every insight view: one council and one collection year. */
export const InsightQuery = z.strictObject({ council: OrgCode, year: CollectionYear });
