import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { ChildId, EpisodeId, Instant, RiskLevel, TaskKind } from '../codes.js';

export const EpisodeChanged = defineEvent({
  topic: 'episodes.episode-changed.v1',
  type: 'uk.safeguard.episodes.episode-changed.v1',
  description: 'An episode moved: opened, escalated, ladder changed, task created or completed, located, closed.',
  data: z.strictObject({
    episodeId: EpisodeId,
    childId: ChildId,
    change: z.enum([
      'opened', 'escalated', 'ladder-changed', 'reclassified', 'task-created', 'task-completed', 'located', 'returned',
      'closed',
    ]),
    state: z.enum(['reported', 'open', 'located', 'returned', 'closed']),
    level: RiskLevel.optional(),
    rung: z.int().nonnegative().optional(),
    taskId: z.uuid().optional(),
    taskKind: TaskKind.optional(),
    at: Instant,
  }),
});
