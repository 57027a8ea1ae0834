import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { isPoliceRole } from '@safeguard/contracts';
import { CONFIG } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { PermanentDeliveryError, type OutgoingMessage } from '../channels/channel.js';
import { ChannelRegistry } from '../channels/registry.js';
import type { NotifierConfig } from '../config.js';
import { signAckLink } from '../domain/ack-link.js';
import { asksForAcknowledgement, renderEmail, renderText } from '../domain/messages.js';
import { DeliveryQueue } from '../queue/delivery.queue.js';
import { DeliveryRepository, type DeliveryContext } from '../repositories/delivery.repository.js';
import { DeliveryOutcomes } from './delivery-outcomes.service.js';

/** Sends one delivery: lock it, send it on its channel, record the outcome and its events, in one transaction. */
@Injectable()
export class DeliveryService implements OnModuleInit {
  constructor(
    @Inject(CONFIG) private readonly config: NotifierConfig,
    private readonly dataSource: DataSource,
    private readonly repo: DeliveryRepository,
    private readonly channels: ChannelRegistry,
    private readonly outcomes: DeliveryOutcomes,
    private readonly queue: DeliveryQueue,
  ) {}

  onModuleInit() {
    this.queue.process((id, attempt, max) => this.deliver(id, attempt, max));
  }

  /** Returns deliveries created on another channel after a failure (to queue); throws to have BullMQ retry. */
  async deliver(deliveryId: string, attempt: number, maxAttempts: number): Promise<string[]> {
    return this.dataSource.transaction(async (em) => {
      const d = await this.repo.claim(em, deliveryId);
      if (!d) return []; // already sent or failed, or another worker is sending it right now
      const driver = this.channels.driver(d.channel);
      let providerId: string | undefined;
      try {
        ({ providerId } = await driver.send(this.message(d)));
      } catch (error) {
        const permanent = error instanceof PermanentDeliveryError;
        if (!permanent && attempt < maxAttempts) throw error; // BullMQ retries with backoff
        return this.outcomes.failed(em, d, permanent ? 'permanent-failure' : 'retries-exhausted', attempt, (error as Error).message, new Date());
      }
      await this.repo.markSent(em, d.id, attempt, providerId ?? null, new Date());
      // With no receipts to come, acceptance is the delivery; otherwise the provider's receipt will say.
      if (driver.confirms === 'acceptance') await this.outcomes.delivered(em, d, 'acceptance', attempt, new Date());
      return [];
    });
  }

  /** The message for a delivery: the minimum, with a link (and a reply code for a text) unless nothing is asked. */
  private message(d: DeliveryContext): OutgoingMessage {
    const ask = asksForAcknowledgement(d.request);
    const url = ask
      ? new URL(`/ack/${signAckLink(this.config.ACK_LINK_SECRET, { deliveryId: d.id, expiresAt: d.expiresAt.getTime() })}`, this.config.PUBLIC_URL).toString()
      : undefined;
    if (d.channel === 'email') return { channel: 'email', to: d.recipient.email, reference: d.id, ...renderEmail(d.request, url) };
    const reply = url && d.replyCode ? { url, replyCode: d.replyCode, police: isPoliceRole(d.recipient.role) } : undefined;
    if (!d.recipient.mobile) throw new PermanentDeliveryError('no mobile number'); // removed since the text was planned
    return { channel: 'sms', to: d.recipient.mobile, reference: d.id, text: renderText(d.request, reply) };
  }
}
