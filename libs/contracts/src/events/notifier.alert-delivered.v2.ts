import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { AlertRef, Channel, Instant } from '../codes.js';
import type { AlertDelivered as V1 } from './notifier.alert-delivered.v1.js';

export const AlertDeliveredV2 = defineEvent({
  topic: 'notifier.alert-delivered.v2',
  type: 'uk.safeguard.notifier.alert-delivered.v2',
  description:
    'An alert reached one recipient on one channel: the provider reported it delivered to the phone or mailbox ' +
    '(confirmedBy "receipt"), or, for a channel with no receipts, the receiving mail server accepted it ("acceptance").',
  data: z.strictObject({
    ...AlertRef,
    deliveryId: z.uuid(),
    recipientId: z.uuid(),
    channel: Channel,
    confirmedBy: z.enum(['receipt', 'acceptance']),
    attempts: z.int().positive(),
    deliveredAt: Instant,
  }),
});

/** v1 is still published for email while its consumers move to v2 (it cannot say "sms"). */
export const deliveredAsV1 = (d: z.infer<typeof AlertDeliveredV2.data>): z.infer<typeof V1.data> | undefined =>
  d.channel === 'email'
    ? { alertId: d.alertId, episodeId: d.episodeId, childId: d.childId, deliveryId: d.deliveryId, recipientId: d.recipientId, channel: 'email', attempts: d.attempts, deliveredAt: d.deliveredAt }
    : undefined;
