import { createHash } from 'node:crypto';
import type { Channel, ChannelFailure } from '@safeguard/contracts';
import { fallbackChannel } from './channel-policy.js';

/** pending → sent (the provider accepted it; a receipt will follow) → delivered; or failed, with why. */
export type DeliveryState = 'pending' | 'sent' | 'delivered' | 'failed';

/** One alert to one person on one channel, as the service layer sees it. */
export interface Delivery {
  id: string;
  alertId: string;
  recipientId: string;
  channel: Channel;
  /** The address or number it went to (null only for deliveries made before addresses were kept). */
  address: string | null;
  state: DeliveryState;
  failure: ChannelFailure | null;
  attempts: number;
  providerId: string | null;
  replyCode: string | null;
  expiresAt: Date;
  acknowledgedAt: Date | null;
}

export interface Contacts {
  email: boolean;
  sms: boolean;
}

/** What follows one channel failing for a person: the next channel, nothing yet (another is under way), or a gap. */
export type AfterFailure = { kind: 'retry-on'; channel: Channel } | { kind: 'wait' } | { kind: 'unreachable' };

export function afterFailure(ofPerson: readonly Pick<Delivery, 'channel' | 'state'>[], contacts: Contacts): AfterFailure {
  const next = fallbackChannel(ofPerson.map((d) => d.channel), contacts);
  if (next) return { kind: 'retry-on', channel: next };
  return ofPerson.every((d) => d.state === 'failed') ? { kind: 'unreachable' } : { kind: 'wait' };
}

/** A GOV.UK Notify delivery receipt's status, as a delivery outcome; intermediate statuses change nothing. */
export function receiptOutcome(status: string): 'delivered' | ChannelFailure | undefined {
  switch (status) {
    case 'delivered': return 'delivered';
    case 'permanent-failure':
    case 'temporary-failure':
    case 'technical-failure': return status;
    default: return undefined; // created, sending, pending, sent (international: no receipt will come)
  }
}

/** A deterministic uuid from alert, recipient and channel: a redelivered request maps to the same delivery. */
export function deliveryIdOf(alertId: string, recipientId: string, channel: Channel): string {
  const h = createHash('sha256').update(`${alertId}/${recipientId}/${channel}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
