import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { AlertRef, Channel, ChannelFailure, DeliveryGap, Instant } from '../codes.js';
import type { AlertFailed as V1 } from './notifier.alert-failed.v1.js';

export const AlertFailedV2 = defineEvent({
  topic: 'notifier.alert-failed.v2',
  type: 'uk.safeguard.notifier.alert-failed.v2',
  description:
    'One channel did not reach one recipient (failure; retryingOn names the channel tried next), or an alert has a ' +
    'gap: nobody held the role on duty, or every channel failed for a recipient. A gap escalates at once.',
  data: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('channel-failed'),
      ...AlertRef,
      deliveryId: z.uuid(),
      recipientId: z.uuid(),
      channel: Channel,
      failure: ChannelFailure,
      retryingOn: Channel.optional(),
      failedAt: Instant,
    }),
    z.strictObject({
      kind: z.literal('gap'),
      ...AlertRef,
      gap: DeliveryGap,
      recipientId: z.uuid().optional(),
      failedAt: Instant,
    }),
  ]),
});

/** v1 is still published while its consumers move to v2, where it can say it (email only; no "unreachable"). */
export const failedAsV1 = (f: z.infer<typeof AlertFailedV2.data>): z.infer<typeof V1.data> | undefined => {
  const ids = { alertId: f.alertId, episodeId: f.episodeId, childId: f.childId, failedAt: f.failedAt };
  if (f.kind === 'gap') return f.gap === 'nobody-on-duty' ? { ...ids, reason: 'nobody-on-duty' } : undefined;
  if (f.channel !== 'email') return undefined;
  return {
    ...ids, deliveryId: f.deliveryId, recipientId: f.recipientId, channel: 'email',
    reason: f.failure === 'permanent-failure' ? 'rejected-permanently' : 'retries-exhausted',
  };
};
