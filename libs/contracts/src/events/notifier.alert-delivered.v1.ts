import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { ChildId, EpisodeId, Instant } from '../codes.js';

export const AlertDelivered = defineEvent({
  topic: 'notifier.alert-delivered.v1',
  type: 'uk.safeguard.notifier.alert-delivered.v1',
  description: 'Deprecated: use notifier.alert-delivered.v2, which names the channel. Still published for email deliveries.',
  data: z.strictObject({
    alertId: z.uuid(),
    episodeId: EpisodeId,
    childId: ChildId,
    deliveryId: z.uuid(),
    recipientId: z.uuid(),
    channel: z.enum(['email']),
    attempts: z.int().positive(),
    deliveredAt: Instant,
  }),
});
