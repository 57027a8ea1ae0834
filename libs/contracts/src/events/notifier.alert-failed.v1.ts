import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { ChildId, EpisodeId, Instant } from '../codes.js';

export const AlertFailed = defineEvent({
  topic: 'notifier.alert-failed.v1',
  type: 'uk.safeguard.notifier.alert-failed.v1',
  description: 'An alert could not be delivered to a recipient, or nobody held the role on duty (a gap).',
  data: z.strictObject({
    alertId: z.uuid(),
    episodeId: EpisodeId,
    childId: ChildId,
    deliveryId: z.uuid().optional(),
    recipientId: z.uuid().optional(),
    channel: z.enum(['email']).optional(),
    reason: z.enum(['nobody-on-duty', 'rejected-permanently', 'retries-exhausted']),
    failedAt: Instant,
  }),
});
