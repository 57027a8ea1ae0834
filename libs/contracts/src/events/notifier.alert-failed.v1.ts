import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { ChildId, EpisodeId, Instant } from '../codes.js';

export const AlertFailed = defineEvent({
  topic: 'notifier.alert-failed.v1',
  type: 'uk.safeguard.notifier.alert-failed.v1',
  description: 'Deprecated: use notifier.alert-failed.v2. Still published where v1 can say it (email, nobody on duty).',
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
