import { Injectable } from '@nestjs/common';
import type { AlertRequested, DataOf, Envelope } from '@safeguard/contracts';
import { Inbox } from '@safeguard/platform';
import { DeliveryQueue } from '../queue/delivery.queue.js';
import { DeliveryRepository } from '../repositories/delivery.repository.js';
import { DeliveryOutcomes } from './delivery-outcomes.service.js';
import { DeliveryPlanner } from './delivery-planner.js';

/** An alert request becomes deliveries for each person on duty (or everyone alerted), per channel; nobody is a gap. */
@Injectable()
export class AlertIntake {
  constructor(
    private readonly inbox: Inbox,
    private readonly repo: DeliveryRepository,
    private readonly planner: DeliveryPlanner,
    private readonly outcomes: DeliveryOutcomes,
    private readonly queue: DeliveryQueue,
  ) {}

  async requested(event: Envelope<DataOf<typeof AlertRequested>>) {
    const a = event.data;
    const created: string[] = [];
    await this.inbox.once(event, async (em) => {
      const now = new Date();
      await this.repo.insertAlert(em, { id: a.alertId, episodeId: a.episodeId, childId: a.childId, request: a });
      const alerted = a.to === 'everyone-alerted' ? await this.repo.alertedInEpisode(em, a.episodeId, a.alertId) : [];
      // A "found" notice goes to each person alerted; with nobody alerted yet, to the audience's holders now.
      const holders = alerted.length > 0 ? alerted : await this.repo.onDuty(em, a.audience.role, a.audience.scope.kind, a.audience.scope.id, now);
      if (holders.length === 0) {
        await this.outcomes.publishFailed(em, {
          kind: 'gap', gap: 'nobody-on-duty', alertId: a.alertId, episodeId: a.episodeId, childId: a.childId, failedAt: now.toISOString(),
        });
        return;
      }
      for (const person of holders) created.push(...(await this.planner.plan(em, a, person, now)));
    }, { afterCommit: async () => created.length > 0 && this.queue.enqueue(created) });
  }
}
