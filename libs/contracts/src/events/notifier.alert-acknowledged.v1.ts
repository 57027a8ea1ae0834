import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { ChildId, EpisodeId, Instant, Role, PoliceReference } from '../codes.js';

export const AlertAcknowledged = defineEvent({
  topic: 'notifier.alert-acknowledged.v1',
  type: 'uk.safeguard.notifier.alert-acknowledged.v1',
  description: 'A recipient acknowledged an alert through its signed link or by replying to its text message. The episode-tracker owns ack state.',
  data: z.strictObject({
    alertId: z.uuid(),
    episodeId: EpisodeId,
    childId: ChildId,
    recipientId: z.uuid(),
    role: Role,
    policeReference: PoliceReference.optional(),
    acknowledgedAt: Instant,
  }),
});
