import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  AbsenceReported, AbsenceReportedV2, AbsenceUpdated, ChildReturned, DataOf, Envelope, EpisodeAssessed,
} from '@safeguard/contracts';
import { Inbox } from '@safeguard/platform';
import { reportToAlertRequested } from '../metrics.js';
import type { EntityManager } from 'typeorm';
import { open, type EpisodeEvent } from '../domain/engine.js';
import { flagsFromAssessment } from '../domain/ladder.js';
import { flagsAt, openingProfile, profileFacts, type ProfileEvent } from '../domain/profile.js';
import { ChildRepository, type ParkedKind } from '../repositories/child.repository.js';
import { EpisodeRepository } from '../repositories/episode.repository.js';
import { DecisionWriter } from './decision.writer.js';
import { EpisodeWorkflow } from './episode.workflow.js';
import { PolicyStore } from './policy.store.js';

type Assessment = DataOf<typeof EpisodeAssessed>;

/** The episode's life from report to return: each event applied once, in one transaction with its effects. */
@Injectable()
export class LifecycleService {
  constructor(
    private readonly inbox: Inbox,
    private readonly episodes: EpisodeRepository,
    private readonly children: ChildRepository,
    private readonly workflow: EpisodeWorkflow,
    private readonly writer: DecisionWriter,
    private readonly policies: PolicyStore,
  ) {}

  /** G1: the report opens the episode at once, from the profile's flags, whether or not risk-scoring has answered. */
  async reported(event: Envelope<DataOf<typeof AbsenceReportedV2> | DataOf<typeof AbsenceReported>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const now = new Date();
      const discoveredAt = new Date(d.discoveredAt);
      const { known, profile: facts, prior, parked } = await this.children.openingContext(em, d.episodeId, d.childId, discoveredAt);
      if (known) return;
      // A profile older than the one the report was taken with is not the child as reported: treat it as unknown.
      // The age that counts is the report's age at discovery (v2); a v1 report's comes from a v1 profile, if kept.
      const age = 'ageAtDiscovery' in d ? d.ageAtDiscovery : undefined;
      const profile = facts && facts.version >= d.childProfileVersion ? openingProfile(facts, age, discoveredAt) : null;
      const decision = open({
        id: d.episodeId, reference: d.episodeReference, childId: d.childId, homeId: d.homeId, placingCouncil: d.placingCouncil,
        policeForce: d.policeForce, classification: d.classification, discoveredAt, reportedAt: new Date(d.reportedAt), profile,
        priorDiscoveries: prior,
      }, this.policies.forCouncil(d.placingCouncil), now, randomUUID);
      await this.writer.write(em, decision, true, now);
      reportToAlertRequested.observe((Date.now() - Date.parse(d.reportedAt)) / 1000);
      // Events that overtook the report apply now, in the order they came.
      if (parked) for (const p of await this.children.unpark(em, d.episodeId)) await this.applyParked(em, d.episodeId, p.kind, p.data);
    }, { lockKey: d.childId });
  }

  async assessed(event: Envelope<Assessment>) {
    await this.applyOrPark(event, 'assessed');
  }

  /** G4: a profile change (trafficking flag, UASC) acts on the child's open episode at once. */
  async profileChanged(event: Envelope<ProfileEvent & { childId: string }>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const facts = profileFacts(d);
      if (!(await this.children.upsert(em, d.childId, facts))) return;
      const episodeId = await this.children.openEpisode(em, d.childId);
      const now = new Date();
      if (episodeId) await this.workflow.apply(em, episodeId, { kind: 'profile-changed', flags: flagsAt(facts, now), hostCouncil: facts.hostCouncil }, now);
    }, { lockKey: d.childId });
  }

  async updated(event: Envelope<DataOf<typeof AbsenceUpdated>>) {
    await this.applyOrPark(event, 'updated');
  }

  async returned(event: Envelope<DataOf<typeof ChildReturned>>) {
    await this.applyOrPark(event, 'returned');
  }

  /** Applies an event to its episode; one that overtook the report (another topic) waits for it, parked. */
  private async applyOrPark<K extends ParkedKind>(event: Envelope<Parked[K]>, kind: K) {
    const d = event.data;
    await this.inbox.once(event, async (em: EntityManager) => {
      if (await this.episodes.exists(em, d.episodeId)) await this.applyParked(em, d.episodeId, kind, d);
      else await this.children.park(em, event.id, d.episodeId, kind, d);
    }, { lockKey: d.childId });
  }

  private async applyParked(em: EntityManager, episodeId: string, kind: ParkedKind, data: unknown) {
    if (kind === 'assessed') {
      const a = data as Assessment;
      await this.workflow.apply(em, episodeId, assessed(a));
      await this.episodes.explain(em, episodeId, a.factors, a.overrides);
    } else if (kind === 'updated') {
      const u = data as Parked['updated'];
      await this.workflow.apply(em, episodeId, {
        kind: 'updated', at: new Date(u.updatedAt), ...(u.policeReference ? { policeReference: u.policeReference } : {}),
        ...(u.policeGrade ? { policeGrade: u.policeGrade } : {}), ...(u.classification ? { classification: u.classification } : {}),
        ...(u.notifiableEvents?.length ? { notifiableEvents: u.notifiableEvents } : {}),
      });
    } else {
      const r = data as Parked['returned'];
      await this.workflow.apply(em, episodeId, { kind: 'returned', returnedAt: new Date(r.returnedAt), safeAndWellChecked: !!r.safeAndWellCheckAt });
    }
  }
}

interface Parked {
  assessed: Assessment;
  updated: DataOf<typeof AbsenceUpdated>;
  returned: DataOf<typeof ChildReturned>;
}

const assessed = (a: Assessment): EpisodeEvent => ({
  kind: 'assessed', level: a.level, flags: flagsFromAssessment(a.overrides, a.factors), ...(a.policeGrade ? { policeGrade: a.policeGrade } : {}),
});
