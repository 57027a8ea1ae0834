import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { isPoliceRole } from '@safeguard/contracts';
import { CONFIG } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { PermanentDeliveryError, type OutgoingMessage } from '../channels/channel.js';
import { ChannelRegistry } from '../channels/registry.js';
import type { NotifierConfig } from '../config.js';
import { signAckLink } from '../domain/ack-link.js';
import { fallbackChannel } from '../domain/channel-policy.js';
import { asksForAcknowledgement, renderEmail, renderText } from '../domain/messages.js';
import { DeliveryQueue } from '../queue/delivery.queue.js';
import { DeliveryRepository, type DeliveryContext } from '../repositories/delivery.repository.js';
import { DeliveryOutcomes } from './delivery-outcomes.service.js';
import { contactsOf, DeliveryPlanner } from './delivery-planner.js';

/** Sends one delivery: lock it, send it on its channel, record the outcome and its events, in one transaction. */
@Injectable()
export class DeliveryService implements OnModuleInit {
  constructor(
    @Inject(CONFIG) private readonly config: NotifierConfig,
    private readonly dataSource: DataSource,
    private readonly repo: DeliveryRepository,
    private readonly channels: ChannelRegistry,
    private readonly outcomes: DeliveryOutcomes,
    private readonly planner: DeliveryPlanner,
    private readonly queue: DeliveryQueue,
  ) {}

  onModuleInit() {
    this.queue.process((id, attempt, max) => this.deliver(id, attempt, max), () => this.sweepAwaitingReceipts());
  }

  /** Returns deliveries created on another channel after a failure (to queue); throws to have BullMQ retry. */
  async deliver(deliveryId: string, attempt: number, maxAttempts: number): Promise<string[]> {
    let retry: { error: unknown; delivery: DeliveryContext } | undefined;
    const next = await this.dataSource.transaction(async (em): Promise<string[]> => {
      const d = await this.repo.claim(em, deliveryId);
      if (!d) return []; // already sent or failed, or another worker is sending it right now
      const driver = this.channels.driver(d.channel);
      let providerId: string | undefined;
      try {
        ({ providerId } = await driver.send(this.message(d)));
      } catch (error) {
        const permanent = error instanceof PermanentDeliveryError;
        if (!permanent && attempt < maxAttempts) {
          retry = { error, delivery: d }; // nothing was written: commit, then retry
          return [];
        }
        return this.outcomes.failed(em, d, permanent ? 'permanent-failure' : 'retries-exhausted', attempt, (error as Error).message, new Date());
      }
      // With no receipts to come, acceptance is the delivery (one update records both); otherwise the provider's receipt will say.
      const accepted = driver.confirms === 'acceptance';
      const at = new Date();
      await this.repo.markSent(em, d.id, attempt, providerId ?? null, at, accepted ? 'delivered' : 'sent');
      if (accepted) await this.outcomes.announceDelivered(em, d, 'acceptance', attempt, at);
      return [];
    });
    if (!retry) return next;
    // The person must not wait for this channel's retries: the other channel starts now (after this transaction, so
    // no worker ever holds two connections), and this one keeps trying.
    if (attempt === 1) await this.startOtherChannel(retry.delivery);
    throw retry.error; // BullMQ retries with backoff
  }

  /** Sent deliveries with no receipt in time count as failed: the other channel goes at once, or the gap is reported. */
  async sweepAwaitingReceipts(now = new Date()): Promise<string[]> {
    const ids = await this.repo.awaitingReceiptSince(this.dataSource.manager, new Date(now.getTime() - this.config.RECEIPT_TIMEOUT_MINUTES * 60_000));
    const next: string[] = [];
    for (const id of ids) {
      next.push(...(await this.dataSource.transaction(async (em) => {
        const d = await this.repo.find(em, { id });
        if (d?.state !== 'sent') return [];
        return this.outcomes.failed(em, d, 'no-receipt', d.attempts, 'no delivery receipt in time', now);
      })));
    }
    return next;
  }

  /** The person's other channel, if they have it and it is not under way already. */
  private async startOtherChannel(d: DeliveryContext) {
    const other = fallbackChannel([d.channel], contactsOf(d.recipient));
    if (!other) return;
    const id = await this.dataSource.transaction((em) => this.planner.add(em, d.request, d.recipient, other, new Date()));
    if (id) await this.queue.enqueue([id]);
  }

  /** The message for a delivery: the minimum, with a link (and a reply code for a text) unless nothing is asked. */
  private message(d: DeliveryContext): OutgoingMessage {
    const ask = asksForAcknowledgement(d.request);
    const url = ask
      ? new URL(`/ack/${signAckLink(this.config.ACK_LINK_SECRET, { deliveryId: d.id, expiresAt: d.expiresAt.getTime() })}`, this.config.PUBLIC_URL).toString()
      : undefined;
    if (d.channel === 'email') return { channel: 'email', to: d.address ?? d.recipient.email, reference: d.id, ...renderEmail(d.request, url) };
    const to = d.address ?? d.recipient.mobile;
    if (!to) throw new PermanentDeliveryError('no mobile number');
    const reply = url ? { url, ...(d.replyCode ? { replyCode: d.replyCode } : {}), police: isPoliceRole(d.recipient.role) } : undefined;
    return { channel: 'sms', to, reference: d.id, text: renderText(d.request, reply) };
  }
}
