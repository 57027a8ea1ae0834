import { Injectable } from '@nestjs/common';
import type {
  AbsenceReported, AbsenceReportedV2, AbsenceUpdated, ChildProfileChanged, ChildProfileChangedV2, ChildReturned, DataOf, Envelope,
} from '@safeguard/contracts';
import { Inbox } from '@safeguard/platform';
import { ReassessmentClock } from '../clock/reassessment.clock.js';
import type { ChildProfile } from '../domain/facts.js';
import { EpisodeRepository } from '../repositories/episode.repository.js';
import { ProfileRepository } from '../repositories/profile.repository.js';
import { ScoringService } from './scoring.service.js';

/** Events become stored inputs and a fresh assessment, each once (the inbox), in one transaction. */
@Injectable()
export class ScoringInputs {
  constructor(
    private readonly inbox: Inbox,
    private readonly episodes: EpisodeRepository,
    private readonly profiles: ProfileRepository,
    private readonly scoring: ScoringService,
    private readonly clock: ReassessmentClock,
  ) {}

  async profileChanged(event: Envelope<ProfileEvent>): Promise<void> {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      await this.profiles.upsert(em, d.childId, d.profileVersion, profileOf(d), event.id);
      // A rise in risk is acted on at once: the child's open episodes are re-scored with the new profile.
      for (const episodeId of await this.episodes.openAssessed(em, d.childId)) await this.scoring.assess(em, episodeId, 'profile-changed');
      // Reports that arrived before this profile are assessed now.
      for (const waiting of await this.episodes.releaseAwaiting(em, d.childId, d.profileVersion)) {
        await this.scoring.assess(em, waiting.episodeId, 'reported');
        await this.clock.book(em, waiting.episodeId, new Date(waiting.discoveredAt));
      }
    }, { lockKey: d.childId });
  }

  async reported(event: Envelope<ReportEvent>): Promise<void> {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const profile = await this.profiles.find(em, d.childId);
      // Topics are not ordered with each other. A report that overtakes the profile it was taken with is kept and
      // assessed when that profile arrives, without holding up the partition.
      const awaiting = !profile || profile.version < d.childProfileVersion;
      await this.episodes.insert(em, {
        ...d, ageAtDiscovery: 'ageAtDiscovery' in d ? d.ageAtDiscovery : null, inputEventIds: [event.id],
        awaitingProfileVersion: awaiting ? d.childProfileVersion : null,
      });
      if (awaiting) return;
      await this.scoring.assess(em, d.episodeId, 'reported', new Date(), profile);
      await this.clock.book(em, d.episodeId, new Date(d.discoveredAt));
    }, { lockKey: d.childId });
  }

  async updated(event: Envelope<DataOf<typeof AbsenceUpdated>>): Promise<void> {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      await this.episodes.lockReportedEpisode(em, d.episodeId);
      await this.episodes.update(em, d.episodeId, { ...d, eventId: event.id });
      await this.scoring.assess(em, d.episodeId, 'updated');
    });
  }

  async returned(event: Envelope<DataOf<typeof ChildReturned>>): Promise<void> {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      await this.episodes.lockReportedEpisode(em, d.episodeId);
      await this.episodes.returned(em, d.episodeId, d.returnedAt, d.harmDuringEpisode);
      await this.clock.cancel(em, d.episodeId);
    });
  }
}

/** Both versions are read while the move to v2 lasts: v1 for the backlog, v2 from then on (docs/security.md). */
type ProfileEvent = DataOf<typeof ChildProfileChanged> | DataOf<typeof ChildProfileChangedV2>;
type ReportEvent = DataOf<typeof AbsenceReported> | DataOf<typeof AbsenceReportedV2>;

/** What the scorer keeps of a profile event: codes and dates only; a date of birth only from a v1 event. */
const profileOf = (d: ProfileEvent): ChildProfile => ({
  ...('dateOfBirth' in d ? { dateOfBirth: d.dateOfBirth } : {}), ageAssessment: d.ageAssessment, placementStart: d.placementStart,
  accommodation: d.accommodation, traffickingStatus: 'traffickingStatus' in d ? d.traffickingStatus : d.trafficking.status,
  uasc: d.uasc, separated: d.separated, ...(d.arrivalDate ? { arrivalDate: d.arrivalDate } : {}), concerns: d.concerns,
});
