import { Inject, Injectable } from '@nestjs/common';
import {
  AlertDelivered, AlertDeliveredV2, AlertFailed, AlertFailedV2, deliveredAsV1, failedAsV1, type ChannelFailure, type DataOf,
} from '@safeguard/contracts';
import { LOGGER, Outbox } from '@safeguard/platform';
import { alertRequestedToDelivered, deliveries } from '../metrics.js';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { afterFailure } from '../domain/delivery.js';
import { DeliveryRepository, type DeliveryContext } from '../repositories/delivery.repository.js';
import { contactsOf, DeliveryPlanner } from './delivery-planner.js';

/**
 * What happens when a channel reaches a person or fails to: the events (v2, and v1 while its consumers move), and
 * after a failure the other channel at once, or, with none left, a gap that escalates at once.
 */
@Injectable()
export class DeliveryOutcomes {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly repo: DeliveryRepository,
    private readonly planner: DeliveryPlanner,
    private readonly outbox: Outbox,
  ) {}

  async delivered(em: EntityManager, d: DeliveryContext, confirmedBy: 'receipt' | 'acceptance', attempts: number, at: Date) {
    await this.repo.markDelivered(em, d.id, at);
    const event: DataOf<typeof AlertDeliveredV2> = {
      alertId: d.alertId, episodeId: d.request.episodeId, childId: d.request.childId, deliveryId: d.id, recipientId: d.recipientId,
      channel: d.channel, confirmedBy, attempts, deliveredAt: at.toISOString(),
    };
    await this.outbox.add(em, AlertDeliveredV2, d.request.childId, event);
    const v1 = deliveredAsV1(event);
    if (v1) await this.outbox.add(em, AlertDelivered, d.request.childId, v1);
    this.logger.info({ deliveryId: d.id, alertId: d.alertId, channel: d.channel, confirmedBy }, 'alert delivered');
    deliveries.inc({ outcome: 'delivered' });
    alertRequestedToDelivered.observe((at.getTime() - Date.parse(d.request.requestedAt)) / 1000);
  }

  /** Returns the ids of deliveries created on another channel, to queue once the transaction commits. */
  async failed(em: EntityManager, d: DeliveryContext, failure: ChannelFailure, attempts: number, error: string, at: Date): Promise<string[]> {
    await this.repo.markFailed(em, d.id, attempts, failure, error);
    await this.repo.lockRecipientOfAlert(em, d.alertId, d.recipientId);
    const next = afterFailure(await this.repo.ofRecipient(em, d.alertId, d.recipientId), contactsOf(d.recipient));
    const created = next.kind === 'retry-on' ? await this.planner.add(em, d.request, d.recipient, next.channel, at) : undefined;
    const ids = { alertId: d.alertId, episodeId: d.request.episodeId, childId: d.request.childId, failedAt: at.toISOString() };
    await this.publishFailed(em, {
      kind: 'channel-failed', ...ids, deliveryId: d.id, recipientId: d.recipientId, channel: d.channel, failure,
      ...(next.kind === 'retry-on' ? { retryingOn: next.channel } : {}),
    });
    if (next.kind === 'unreachable') await this.publishFailed(em, { kind: 'gap', ...ids, gap: 'unreachable', recipientId: d.recipientId });
    this.logger.warn({ deliveryId: d.id, alertId: d.alertId, channel: d.channel, failure, next: next.kind, reason: error }, 'alert delivery failed');
    deliveries.inc({ outcome: failure });
    return created ? [created] : [];
  }

  async publishFailed(em: EntityManager, event: DataOf<typeof AlertFailedV2>) {
    await this.outbox.add(em, AlertFailedV2, event.childId, event);
    const v1 = failedAsV1(event);
    if (v1) await this.outbox.add(em, AlertFailed, event.childId, v1);
  }
}
