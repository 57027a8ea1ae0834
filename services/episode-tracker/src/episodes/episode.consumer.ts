import { Controller } from '@nestjs/common';
import {
  AbsenceReported, AbsenceUpdated, AlertAcknowledged, AlertDelivered, AlertFailed, ChildReturned, EpisodeAssessed,
  type DataOf, type Envelope,
} from '@safeguard/contracts';
import { Inbox, OnEvent } from '@safeguard/platform';
import { EpisodeRepository } from './episode.repository.js';
import { EscalationClock } from './escalation.clock.js';
import { EscalationService } from './escalation.service.js';

/** Thin glue from events to the episode lifecycle; each event is applied once, in one transaction with its effects. */
@Controller()
export class EpisodeConsumer {
  private readonly repo = new EpisodeRepository();

  constructor(
    private readonly inbox: Inbox,
    private readonly escalation: EscalationService,
    private readonly clock: EscalationClock,
  ) {}

  @OnEvent(AbsenceReported)
  async onReported(event: Envelope<DataOf<typeof AbsenceReported>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      await this.repo.insertReported(em, {
        id: d.episodeId, reference: d.episodeReference, childId: d.childId, homeId: d.homeId,
        placingCouncil: d.placingCouncil, policeForce: d.policeForce, classification: d.classification,
        discoveredAt: new Date(d.discoveredAt), reportedAt: new Date(d.reportedAt),
      });
      await this.repo.record(em, d.episodeId, new Date(d.reportedAt), 'reported', 'intake', `classification ${d.classification}`);
      // The assessment may have overtaken the report: open the episode with it now.
      const parked = await this.repo.unpark<DataOf<typeof EpisodeAssessed>>(em, d.episodeId);
      const episode = parked && (await this.repo.episode(em, d.episodeId, true));
      if (parked && episode?.state === 'reported') await this.escalation.open(em, episode, parked, new Date());
    }, { lockKey: d.childId });
    await this.clock.wake();
  }

  @OnEvent(EpisodeAssessed)
  async onAssessed(event: Envelope<DataOf<typeof EpisodeAssessed>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const episode = await this.repo.episode(em, d.episodeId, true);
      // The report travels on another topic and may arrive later: park the assessment without holding up the
      // partition; the report opens the episode with it.
      if (!episode) return this.repo.park(em, d.episodeId, d);
      if (episode.state === 'reported') await this.escalation.open(em, episode, d, new Date());
      else if (episode.state === 'open') await this.escalation.reassess(em, episode, d, new Date());
    }, { lockKey: d.childId });
    await this.clock.wake();
  }

  @OnEvent(AbsenceUpdated)
  async onUpdated(event: Envelope<DataOf<typeof AbsenceUpdated>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const episode = await this.repo.episode(em, d.episodeId, true);
      if (!episode) throw new Error(`episode ${d.episodeId} not yet reported`);
      const now = new Date();
      if (d.policeReference && d.policeReference !== episode.policeReference) {
        await this.repo.policeInformed(em, episode.id, d.policeReference, new Date(d.updatedAt));
        await this.repo.record(em, episode.id, now, 'police-reference', 'intake', d.policeReference);
      }
      if (d.classification && d.classification !== episode.classification) {
        await this.repo.update(em, episode.id, { classification: d.classification });
        await this.repo.record(em, episode.id, now, 'reclassified', 'intake', `${episode.classification} → ${d.classification}`);
        await this.escalation.changed(em, episode, 'reclassified', now);
      }
    });
  }

  @OnEvent(ChildReturned)
  async onReturned(event: Envelope<DataOf<typeof ChildReturned>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const episode = await this.repo.episode(em, d.episodeId, true);
      if (!episode) throw new Error(`episode ${d.episodeId} not yet reported`);
      if (episode.state === 'open' || episode.state === 'reported' || episode.state === 'located') {
        await this.escalation.returned(em, episode, new Date(d.returnedAt), new Date());
      }
    });
    await this.clock.wake();
  }

  @OnEvent(AlertAcknowledged)
  async onAcknowledged(event: Envelope<DataOf<typeof AlertAcknowledged>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const alert = await this.repo.alert(em, d.alertId, true);
      if (!alert) throw new Error(`alert ${d.alertId} unknown`);
      await this.escalation.acknowledge(em, alert, `recipient:${d.recipientId}`, new Date(d.acknowledgedAt), d.policeReference);
    });
  }

  @OnEvent(AlertDelivered)
  async onDelivered(event: Envelope<DataOf<typeof AlertDelivered>>) {
    await this.inbox.once(event, (em) => this.repo.recordDelivery(em, event.data.alertId, 'delivered', new Date(event.data.deliveredAt)));
  }

  @OnEvent(AlertFailed)
  async onFailed(event: Envelope<DataOf<typeof AlertFailed>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      if (d.reason === 'nobody-on-duty') await this.escalation.gap(em, d.alertId, new Date());
      else await this.repo.recordDelivery(em, d.alertId, 'failed');
    });
    await this.clock.wake();
  }
}
