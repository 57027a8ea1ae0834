import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EpisodeAssessed, type RiskLevel } from '@safeguard/contracts';
import { Outbox } from '@safeguard/platform';
import type { EntityManager } from 'typeorm';
import type { Trigger } from '../domain/assessment.js';
import { deriveFacts } from '../domain/facts.js';
import type { StoredProfile } from '../domain/inputs.js';
import { loadRuleset } from '../domain/ruleset.js';
import { RULESET_V1 } from '../domain/ruleset.v1.js';
import { score } from '../domain/scorer.js';
import { AssessmentRepository } from '../repositories/assessment.repository.js';
import { EpisodeRepository } from '../repositories/episode.repository.js';
import { ProfileRepository } from '../repositories/profile.repository.js';

/** Assesses an episode from stored inputs, stores the explained result and publishes it, in the caller's transaction. */
@Injectable()
export class ScoringService {
  /** Validated when the service starts: a bad ruleset stops it rather than scoring wrongly. */
  readonly ruleset = loadRuleset(RULESET_V1);

  constructor(
    private readonly outbox: Outbox,
    private readonly episodes: EpisodeRepository,
    private readonly profiles: ProfileRepository,
    private readonly assessments: AssessmentRepository,
  ) {}

  /** `known` is the child's profile when the caller has just read it (saves reading it twice on the hot path). */
  async assess(em: EntityManager, episodeId: string, trigger: Trigger, now = new Date(), known?: StoredProfile): Promise<void> {
    const episode = await this.episodes.lockReportedEpisode(em, episodeId);
    const profile = known ?? (await this.profiles.find(em, episode.childId));
    if (!profile || episode.awaitingProfileVersion !== null) return; // assessed when the profile arrives
    const history = await this.episodes.history(em, episode.childId, episodeId, episode.discoveredAt);
    const facts = deriveFacts(profile.profile, episode, history, now);
    const policeGrade = (episode.policeGrade ?? undefined) as RiskLevel | undefined;
    const result = score(this.ruleset, facts, policeGrade);
    const assessmentId = randomUUID();
    const inputEventIds = [profile.eventId, ...episode.inputEventIds];
    await this.assessments.insert(em, {
      id: assessmentId, episodeId, ...result, policeGrade: policeGrade ?? null, trigger, inputEventIds, assessedAt: now,
    });
    await this.outbox.add(em, EpisodeAssessed, episode.childId, {
      assessmentId, episodeId, childId: episode.childId, ...result, ...(policeGrade ? { policeGrade } : {}), trigger,
      inputEventIds, assessedAt: now.toISOString(),
    });
  }

  /** A 24 h or 72 h mark has passed (in the timer's transaction): re-assesses the episode unless the child is back. */
  async reassess(em: EntityManager, episodeId: string, trigger: 'elapsed-24h' | 'elapsed-72h'): Promise<void> {
    const episode = await this.episodes.find(em, episodeId, true);
    if (!episode || episode.returnedAt) return;
    await this.assess(em, episodeId, trigger);
  }
}
