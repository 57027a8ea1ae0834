import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EpisodeAssessed, type DataOf, type RiskLevel } from '@safeguard/contracts';
import { Outbox } from '@safeguard/platform';
import type { EntityManager } from 'typeorm';
import { deriveFacts } from '../domain/facts.js';
import { loadRuleset } from '../domain/ruleset.js';
import { RULESET_V1 } from '../domain/ruleset.v1.js';
import { score } from '../domain/scorer.js';
import { ScoringRepository, type StoredProfile } from './scoring.repository.js';

export type Trigger = DataOf<typeof EpisodeAssessed>['trigger'];

/** Raised when an input has not arrived yet; the consumer retries the event until it has. */
export class InputNotYetReceived extends Error {}

/** Assesses an episode from stored inputs, stores the explained result and publishes it, in the caller's transaction. */
@Injectable()
export class ScoringService {
  private readonly repo = new ScoringRepository();
  /** Validated when the service starts: a bad ruleset stops it rather than scoring wrongly. */
  readonly ruleset = loadRuleset(RULESET_V1);

  constructor(private readonly outbox: Outbox) {}

  /** `known` is the child's profile when the caller has just read it (saves reading it twice on the hot path). */
  async assess(em: EntityManager, episodeId: string, trigger: Trigger, now = new Date(), known?: StoredProfile): Promise<void> {
    const episode = await this.repo.episode(em, episodeId);
    if (!episode) throw new InputNotYetReceived(`episode ${episodeId} not yet reported`);
    const profile = known ?? (await this.repo.profile(em, episode.childId));
    if (!profile || episode.awaitingProfileVersion !== null) return; // assessed when the profile arrives
    const history = await this.repo.history(em, episode.childId, episodeId, episode.discoveredAt);
    const facts = deriveFacts(profile.profile, episode, history, now);
    const policeGrade = (episode.policeGrade ?? undefined) as RiskLevel | undefined;
    const result = score(this.ruleset, facts, policeGrade);
    const assessmentId = randomUUID();
    const inputEventIds = [profile.eventId, ...episode.inputEventIds];
    await this.repo.insertAssessment(em, {
      id: assessmentId, episodeId, ...result, policeGrade: policeGrade ?? null, trigger, inputEventIds, assessedAt: now,
    });
    await this.outbox.add(em, EpisodeAssessed, episode.childId, {
      assessmentId, episodeId, childId: episode.childId, ...result, ...(policeGrade ? { policeGrade } : {}), trigger,
      inputEventIds, assessedAt: now.toISOString(),
    });
  }
}
