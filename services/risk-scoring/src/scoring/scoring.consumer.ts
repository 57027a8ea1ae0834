import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import {
  AbsenceReported, ChildProfileChanged, EpisodeAssessed, type DataOf, type Envelope,
} from '@safeguard/contracts';
import { applyOnce, OnEvent, Outbox } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { deriveFacts } from '../domain/facts.js';
import { loadRuleset } from '../domain/ruleset.js';
import { RULESET_V1 } from '../domain/ruleset.v1.js';
import { score } from '../domain/scorer.js';
import { ScoringRepository } from './scoring.repository.js';

const CONSUMER = 'risk-scoring';

/** Thin glue: events in, the pure scorer, an assessment out through the outbox. */
@Controller()
export class ScoringConsumer {
  private readonly repo = new ScoringRepository();
  private readonly ruleset = loadRuleset(RULESET_V1);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
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
        throw new Error(`profile v${d.childProfileVersion} of the child not yet received`);
      }
      await this.repo.insertEpisode(em, { ...d, inputEventIds: [event.id] });
      const now = new Date();
      const discoveredAt = new Date(d.discoveredAt);
      const history = await this.repo.history(em, d.childId, d.episodeId, discoveredAt);
      const facts = deriveFacts(profile.profile, { discoveredAt, circumstances: d.circumstances }, history, now);
      const result = score(this.ruleset, facts);
      const assessmentId = randomUUID();
      await this.repo.insertAssessment(em, { id: assessmentId, episodeId: d.episodeId, ...result, trigger: 'reported', assessedAt: now });
      await this.outbox.add(em, EpisodeAssessed, d.childId, {
        assessmentId, episodeId: d.episodeId, childId: d.childId, ...result, trigger: 'reported',
        inputEventIds: [profile.eventId, event.id], assessedAt: now.toISOString(),
      });
    });
  }
}
