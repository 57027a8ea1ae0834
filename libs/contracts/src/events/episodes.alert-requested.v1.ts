import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { ChildId, EpisodeId, Instant, RiskLevel, Role, Scope } from '../codes.js';

export const AlertRequested = defineEvent({
  topic: 'episodes.alert-requested.v1',
  type: 'uk.safeguard.episodes.alert-requested.v1',
  description: 'Notify whoever holds a role in a scope about an episode, with what is asked and the ack deadline.',
  data: z.strictObject({
    alertId: z.uuid(),
    episodeId: EpisodeId,
    episodeReference: z.string().regex(/^MFC-\d{4}-\d{6}$/),
    childId: ChildId,
    audience: z.strictObject({ role: Role, scope: Scope }),
    level: RiskLevel,
    ladder: z.enum(['T', 'S']),
    rung: z.int().nonnegative(),
    ask: z.enum(['acknowledge', 'call-police-now', 'senior-oversight', 'strategy-meeting', 'informed', 'child-found']),
    attempt: z.int().positive(),
    ackDeadline: Instant.optional(),
    requestedAt: Instant,
  }),
});
