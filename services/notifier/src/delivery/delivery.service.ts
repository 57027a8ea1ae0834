import { Inject, Injectable } from '@nestjs/common';
import { AlertDelivered, AlertFailed, type AlertRequested, type DataOf } from '@safeguard/contracts';
import { alertRequestedToDelivered, CONFIG, deliveries, LOGGER, Outbox } from '@safeguard/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { PermanentDeliveryError } from '../channels/channel.js';
import { EmailChannel } from '../channels/email.channel.js';
import type { NotifierConfig } from '../config.js';
import { signAckLink } from '../domain/ack-link.js';
import { renderAlertEmail } from '../domain/alert-email.js';
import { DeliveryRepository } from './delivery.repository.js';

/** Sends one delivery: lock it, send it, record the outcome and its event, all in one transaction. */
@Injectable()
export class DeliveryService {
  private readonly repo = new DeliveryRepository();
  private readonly channel: EmailChannel;

  constructor(
    @Inject(CONFIG) private readonly config: NotifierConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {
    this.channel = new EmailChannel({
      host: config.SMTP_HOST, port: config.SMTP_PORT, secure: config.SMTP_SECURE, from: config.MAIL_FROM,
    });
  }

  async deliver(deliveryId: string, attempt: number, maxAttempts: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const d = await this.repo.claim(em, deliveryId);
      if (!d) return; // already sent or failed, or another worker is sending it right now
      const alert = d.request as DataOf<typeof AlertRequested>;
      const now = new Date();
      const token = signAckLink(this.config.ACK_LINK_SECRET, {
        alertId: d.alertId, recipientId: d.recipientId, deliveryId: d.id,
        expiresAt: now.getTime() + this.config.ACK_LINK_TTL_HOURS * 3_600_000,
      });
      const content = renderAlertEmail(alert, new URL(`/ack/${token}`, this.config.PUBLIC_URL).toString());
      const ids = { alertId: d.alertId, episodeId: alert.episodeId, childId: alert.childId, deliveryId: d.id, recipientId: d.recipientId };
      try {
        await this.channel.send({ to: d.email, messageId: d.messageId, ...content });
      } catch (error) {
        const reason = (error as Error).message;
        const permanent = error instanceof PermanentDeliveryError;
        if (!permanent && attempt < maxAttempts) throw error; // BullMQ retries with backoff
        await this.repo.markFailed(em, d.id, attempt, reason);
        await this.outbox.add(em, AlertFailed, alert.childId, {
          ...ids, channel: 'email', reason: permanent ? 'rejected-permanently' : 'retries-exhausted', failedAt: now.toISOString(),
        });
        this.logger.error({ deliveryId: d.id, alertId: d.alertId, reason }, 'alert delivery failed');
        deliveries.inc({ outcome: permanent ? 'rejected' : 'retries-exhausted' });
        return;
      }
      await this.repo.markSent(em, d.id, attempt, new Date());
      await this.outbox.add(em, AlertDelivered, alert.childId, {
        ...ids, channel: 'email', attempts: attempt, deliveredAt: new Date().toISOString(),
      });
      this.logger.info({ deliveryId: d.id, alertId: d.alertId, attempt }, 'alert delivered');
      deliveries.inc({ outcome: 'delivered' });
      alertRequestedToDelivered.observe((Date.now() - Date.parse(alert.requestedAt)) / 1000);
    });
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}
