import { Controller } from '@nestjs/common';
import { AlertFailed, AlertRequested, type DataOf, type Envelope } from '@safeguard/contracts';
import { Inbox, OnEvent, Outbox } from '@safeguard/platform';
import { createHash } from 'node:crypto';
import { DeliveryQueue } from './delivery.queue.js';
import { DeliveryRepository } from './delivery.repository.js';

/** A uuid derived from alert and recipient: a redelivered request maps to the same delivery. */
const deliveryIdOf = (alertId: string, recipientId: string): string => {
  const h = createHash('sha256').update(`${alertId}/${recipientId}/email`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** Alert requests become one delivery per recipient (on duty, or everyone alerted in the episode); nobody is a gap. */
@Controller()
export class AlertConsumer {
  private readonly repo = new DeliveryRepository();

  constructor(
    private readonly inbox: Inbox,
    private readonly outbox: Outbox,
    private readonly queue: DeliveryQueue,
  ) {}

  @OnEvent(AlertRequested)
  async onAlertRequested(event: Envelope<DataOf<typeof AlertRequested>>) {
    const a = event.data;
    const created: string[] = [];
    await this.inbox.once(event, async (em) => {
      await this.repo.insertAlert(em, { id: a.alertId, episodeId: a.episodeId, childId: a.childId, request: a });
      const alerted = a.to === 'everyone-alerted' ? await this.repo.alertedInEpisode(em, a.episodeId, a.alertId) : [];
      // A "found" notice goes to each person alerted; with nobody alerted yet, to the audience's holders now.
      const holders = alerted.length > 0 ? alerted : await this.repo.onDuty(em, a.audience.role, a.audience.scope.kind, a.audience.scope.id, new Date());
      if (holders.length === 0) {
        await this.outbox.add(em, AlertFailed, a.childId, {
          alertId: a.alertId, episodeId: a.episodeId, childId: a.childId, reason: 'nobody-on-duty', failedAt: new Date().toISOString(),
        });
        return;
      }
      for (const h of holders) {
        const id = deliveryIdOf(a.alertId, h.id);
        await this.repo.insertDelivery(em, { id, alertId: a.alertId, recipientId: h.id, messageId: `<${id}@alerts.safeguard.local>` });
        created.push(id);
      }
    });
    if (created.length > 0) await this.queue.enqueue(created);
  }
}
