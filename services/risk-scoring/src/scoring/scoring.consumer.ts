import { Controller } from '@nestjs/common';
import {
  AbsenceReported, AbsenceUpdated, ChildProfileChanged, ChildReturned, type DataOf, type Envelope,
} from '@safeguard/contracts';
import { Inbox, OnEvent } from '@safeguard/platform';
import { ReassessmentClock } from './reassessment-clock.js';
import { ScoringRepository } from './scoring.repository.js';
import { InputNotYetReceived, ScoringService } from './scoring.service.js';

/** Thin glue: events become stored inputs and a fresh assessment; the scorer itself is pure. */
@Controller()
export class ScoringConsumer {
  private readonly repo = new ScoringRepository();

  constructor(
    private readonly inbox: Inbox,
    private readonly scoring: ScoringService,
    private readonly clock: ReassessmentClock,
  ) {}

  @OnEvent(ChildProfileChanged)
  async onProfile(event: Envelope<DataOf<typeof ChildProfileChanged>>) {
    const d = event.data;
    let released = 0;
    await this.inbox.once(event, async (em) => {
      await this.repo.upsertProfile(em, d.childId, d.profileVersion, {
        dateOfBirth: d.dateOfBirth, ageAssessment: d.ageAssessment, placementStart: d.placementStart,
        accommodation: d.accommodation, traffickingStatus: d.trafficking.status, uasc: d.uasc, separated: d.separated,
        ...(d.arrivalDate ? { arrivalDate: d.arrivalDate } : {}), concerns: d.concerns,
      }, event.id);
      // A rise in risk is acted on at once: the child's open episodes are re-scored with the new profile.
      for (const episodeId of await this.repo.openAssessed(em, d.childId)) await this.scoring.assess(em, episodeId, 'profile-changed');
      // Reports that arrived before this profile are assessed now.
      for (const waiting of await this.repo.releaseAwaiting(em, d.childId, d.profileVersion)) {
        await this.scoring.assess(em, waiting.episodeId, 'reported');
        await this.clock.book(em, waiting.episodeId, new Date(waiting.discoveredAt));
        released++;
      }
    }, { lockKey: d.childId });
    if (released > 0) await this.clock.wake();
  }

  @OnEvent(AbsenceReported)
  async onReported(event: Envelope<DataOf<typeof AbsenceReported>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const profile = await this.repo.profile(em, d.childId);
      // Topics are not ordered with each other. A report that overtakes the profile it was taken with is kept and
      // assessed when that profile arrives, without holding up the partition.
      const awaiting = !profile || profile.version < d.childProfileVersion;
      await this.repo.insertEpisode(em, { ...d, inputEventIds: [event.id], awaitingProfileVersion: awaiting ? d.childProfileVersion : null });
      if (awaiting) return;
      await this.scoring.assess(em, d.episodeId, 'reported', new Date(), profile);
      await this.clock.book(em, d.episodeId, new Date(d.discoveredAt));
    }, { lockKey: d.childId });
    await this.clock.wake();
  }

  @OnEvent(AbsenceUpdated)
  async onUpdated(event: Envelope<DataOf<typeof AbsenceUpdated>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const episode = await this.repo.episode(em, d.episodeId, true);
      if (!episode) throw new InputNotYetReceived(`episode ${d.episodeId} not yet reported`);
      await this.repo.update(em, d.episodeId, { ...d, eventId: event.id });
      await this.scoring.assess(em, d.episodeId, 'updated');
    });
  }

  @OnEvent(ChildReturned)
  async onReturned(event: Envelope<DataOf<typeof ChildReturned>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const episode = await this.repo.episode(em, d.episodeId, true);
      if (!episode) throw new InputNotYetReceived(`episode ${d.episodeId} not yet reported`);
      await this.repo.returned(em, d.episodeId, d.returnedAt, d.harmDuringEpisode);
      await this.clock.cancel(em, d.episodeId);
    });
  }
}
