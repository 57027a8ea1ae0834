import { Inject, Injectable } from '@nestjs/common';
import { type AlertRequested, type Channel, type DataOf } from '@safeguard/contracts';
import { CONFIG, LOGGER } from '@safeguard/platform';
import type { Logger } from 'pino';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { NotifierConfig } from '../config.js';
import { channelsFor } from '../domain/channel-policy.js';
import { deliveryIdOf } from '../domain/delivery.js';
import { asksForAcknowledgement } from '../domain/messages.js';
import { isNight } from '../domain/night-hours.js';
import { newReplyCode, replyCodeHeldUntil } from '../domain/reply.js';
import { DeliveryRepository, type Recipient } from '../repositories/delivery.repository.js';

type Alert = DataOf<typeof AlertRequested>;

/** Turns an alert and a person into deliveries: which channels (the policy), a reply code for a text, an expiry. */
@Injectable()
export class DeliveryPlanner {
  constructor(
    @Inject(CONFIG) private readonly config: NotifierConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly deliveries: DeliveryRepository,
  ) {}

  /** The channels the policy chooses for this person now; the ids of the deliveries created. */
  async plan(em: EntityManager, alert: Alert, person: Recipient, now: Date): Promise<string[]> {
    const night = this.config.NIGHT_HOURS_BY_SCOPE[alert.audience.scope.id] ?? this.config.NIGHT_HOURS;
    const channels = channelsFor({
      level: alert.level, attempt: alert.attempt, night: isNight(now, night), contacts: contactsOf(person),
    });
    const ids: string[] = [];
    for (const channel of channels) {
      const id = await this.add(em, alert, person, channel, now);
      if (id) ids.push(id);
    }
    return ids;
  }

  /** One delivery on one channel (idempotent: the id is derived from alert, person and channel). */
  async add(em: EntityManager, alert: Alert, person: Recipient, channel: Channel, now: Date): Promise<string | undefined> {
    const id = deliveryIdOf(alert.alertId, person.id, channel);
    const expiresAt = new Date(Date.parse(alert.ackDeadline ?? alert.requestedAt) + this.config.ACK_LINK_MARGIN_MINUTES * 60_000);
    const address = channel === 'sms' ? person.mobile! : person.email;
    const wantsCode = channel === 'sms' && asksForAcknowledgement(alert);
    const replyCode = wantsCode ? await this.holdReplyCode(em, address, id, expiresAt, now) : null;
    const inserted = await this.deliveries.insertDelivery(em, { id, alertId: alert.alertId, recipientId: person.id, channel, address, replyCode, expiresAt });
    // Already there (a fallback to a channel under way): the code just held was never texted, so the number keeps it free.
    if (!inserted && replyCode) await this.deliveries.releaseReplyCode(em, address, replyCode, id);
    if (inserted && wantsCode && !replyCode) this.logger.warn({ deliveryId: id }, 'no reply code free for this number: the text carries its link alone');
    return inserted ? id : undefined;
  }

  /**
   * A code the number does not hold, held for the delivery. Codes are picked at random and the number's key refuses
   * one it holds, so alerts texting one phone wait for each other only when they pick the same code at once; a phone
   * holding so many codes that random picks keep being refused gets one of those it does not hold. A phone holding
   * every code gets none: its text carries the link alone, for an alert must never be held up for want of a code.
   */
  private async holdReplyCode(em: EntityManager, mobile: string, deliveryId: string, expiresAt: Date, now: Date): Promise<string | null> {
    const random = () => randomInt(0, 9000) / 9000;
    const until = replyCodeHeldUntil(expiresAt);
    const refused = new Set<string>();
    for (let tries = 0; tries < 100; tries++) {
      if (tries === 8) for (const code of await this.deliveries.heldReplyCodes(em, mobile, now)) refused.add(code);
      const code = newReplyCode(refused, random);
      if (!code) break;
      if (await this.deliveries.holdReplyCode(em, mobile, code, deliveryId, until, now)) return code;
      refused.add(code);
    }
    return null;
  }
}

export const contactsOf = (p: Pick<Recipient, 'email' | 'mobile'>) => ({ email: Boolean(p.email), sms: Boolean(p.mobile) });
