import { Controller } from '@nestjs/common';
import {
  AbsenceReported, AbsenceUpdated, ChildProfileChanged, ChildReturned, type DataOf, type Envelope,
} from '@safeguard/contracts';
import { applyOnce, OnEvent } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { ReassessmentClock } from './reassessment-clock.js';
import { ScoringRepository } from './scoring.repository.js';
import { InputNotYetReceived, ScoringService } from './scoring.service.js';

const CONSUMER = 'risk-scoring';

/** Thin glue: events become stored inputs and a fresh assessment; the scorer itself is pure. */
@Controller()
export class ScoringConsumer {
  private readonly repo = new ScoringRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly scoring: ScoringService,
    private readonly clock: ReassessmentClock,
  ) {}

  @OnEvent(ChildProfileChanged)
  async onProfile(event: Envelope<DataOf<typeof ChildProfileChanged>>) {
    const d = event.data;
    await applyOnce(this.dataSource, CONSUMER, event, (em) =>
      this.repo.upsertProfile(em, d.childId, d.profileVersion, {
        dateOfBirth: d.dateOfBirth, ageAssessment: d.ageAssessment, placementStart: d.placementStart,
        accommodation: d.accommodation, traffickingStatus: d.trafficking.status, uasc: d.uasc, separated: d.separated,
        ...(d.arrivalDate ? { arrivalDate: d.arrivalDate } : {}), concerns: d.concerns,
      }, event.id),
    );
  }

  @OnEvent(AbsenceReported)
  async onReported(event: Envelope<DataOf<typeof AbsenceReported>>) {
    const d = event.data;
    await applyOnce(this.dataSource, CONSUMER, event, async (em) => {
      const profile = await this.repo.profile(em, d.childId);
      // Topics are not ordered with each other: wait (retry) until the profile the report was taken with arrives.
      if (!profile || profile.version < d.childProfileVersion) {
        throw new InputNotYetReceived(`profile v${d.childProfileVersion} of the child not yet received`);
      }
      await this.repo.insertEpisode(em, { ...d, inputEventIds: [event.id] });
      await this.scoring.assess(em, d.episodeId, 'reported');
      await this.clock.book(em, d.episodeId, new Date(d.discoveredAt));
    });
    await this.clock.wake();
  }

  @OnEvent(AbsenceUpdated)
  async onUpdated(event: Envelope<DataOf<typeof AbsenceUpdated>>) {
    const d = event.data;
    await applyOnce(this.dataSource, CONSUMER, event, async (em) => {
      const episode = await this.repo.episode(em, d.episodeId, true);
      if (!episode) throw new InputNotYetReceived(`episode ${d.episodeId} not yet reported`);
      await this.repo.update(em, d.episodeId, { ...d, eventId: event.id });
      await this.scoring.assess(em, d.episodeId, 'updated');
    });
  }

  @OnEvent(ChildReturned)
  async onReturned(event: Envelope<DataOf<typeof ChildReturned>>) {
    const d = event.data;
    await applyOnce(this.dataSource, CONSUMER, event, async (em) => {
      const episode = await this.repo.episode(em, d.episodeId, true);
      if (!episode) throw new InputNotYetReceived(`episode ${d.episodeId} not yet reported`);
      await this.repo.returned(em, d.episodeId, d.returnedAt, d.harmDuringEpisode);
      await this.clock.cancel(em, d.episodeId);
    });
  }
}
