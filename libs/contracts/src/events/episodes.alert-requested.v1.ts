import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { AlertAsk, ChildId, EpisodeId, Instant, RiskLevel, Role, Scope, TaskKind } from '../codes.js';

export const AlertRequested = defineEvent({
  topic: 'episodes.alert-requested.v1',
  type: 'uk.safeguard.episodes.alert-requested.v1',
  description: 'Notify whoever holds a role in a scope (or everyone alerted in the episode) about an episode, with what is asked and the ack deadline.',
  data: z.strictObject({
    alertId: z.uuid(),
    episodeId: EpisodeId,
    episodeReference: z.string().regex(/^MFC-\d{4}-\d{6}$/),
    childId: ChildId,
    audience: z.strictObject({ role: Role, scope: Scope }),
    level: RiskLevel,
    ladder: z.enum(['T', 'S']),
    rung: z.int().nonnegative(),
    ask: AlertAsk,
    /** For ask "escalation": the role that did not acknowledge (or had nobody on duty). */
    escalatedFrom: Role.optional(),
    /** A statutory task not done by its deadline that this alert reports (ask "deadline-missed", or a step that also reports it). */
    missed: TaskKind.optional(),
    /** "everyone-alerted": send to each person who received an alert of this episode, whoever holds the role now. */
    to: z.literal('everyone-alerted').optional(),
    attempt: z.int().positive(),
    ackDeadline: Instant.optional(),
    requestedAt: Instant,
  }),
});
