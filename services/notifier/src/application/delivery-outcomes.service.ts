import { Inject, Injectable } from '@nestjs/common';
import {
  AlertDelivered, AlertDeliveredV2, AlertFailed, AlertFailedV2, deliveredAsV1, failedAsV1, type ChannelFailure, type DataOf,
} from '@safeguard/contracts';
import { LOGGER, Outbox, outboxEvent } from '@safeguard/platform';
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

  /** A provider's receipt says the delivery reached the person. */
  async delivered(em: EntityManager, d: DeliveryContext, attempts: number, at: Date) {
    await this.repo.markDelivered(em, d.id, at);
    await this.announceDelivered(em, d, 'receipt', attempts, at);
  }

  /** The events of a delivery already recorded as delivered (by its receipt, or by its acceptance when it was sent). */
  async announceDelivered(em: EntityManager, d: DeliveryContext, confirmedBy: 'receipt' | 'acceptance', attempts: number, at: Date) {
    const event: DataOf<typeof AlertDeliveredV2> = {
      alertId: d.alertId, episodeId: d.request.episodeId, childId: d.request.childId, deliveryId: d.id, recipientId: d.recipientId,
      channel: d.channel, confirmedBy, attempts, deliveredAt: at.toISOString(),
    };
    const v1 = deliveredAsV1(event);
    await this.outbox.addAll(em, [outboxEvent(AlertDeliveredV2, d.request.childId, event), ...(v1 ? [outboxEvent(AlertDelivered, d.request.childId, v1)] : [])]);
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
    const v1 = failedAsV1(event);
    await this.outbox.addAll(em, [outboxEvent(AlertFailedV2, event.childId, event), ...(v1 ? [outboxEvent(AlertFailed, event.childId, v1)] : [])]);
  }
}
