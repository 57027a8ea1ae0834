import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { ChildId, EpisodeId, FoundBy, Instant } from '../codes.js';

export const ChildReturned = defineEvent({
  topic: 'intake.child-returned.v1',
  type: 'uk.safeguard.intake.child-returned.v1',
  description: 'The child was located and returned. Where and by whom stay in intake; only codes travel.',
  data: z.strictObject({
    episodeId: EpisodeId,
    childId: ChildId,
    locatedAt: Instant,
    returnedAt: Instant,
    foundBy: FoundBy,
    safeAndWellCheckAt: Instant.optional(),
    harmDuringEpisode: z.boolean(),
  }),
});
