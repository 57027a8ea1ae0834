import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AbsenceReported, AbsenceUpdated, ChildProfileChanged, ChildReturned, DataOf, Envelope, EpisodeAssessed } from '@safeguard/contracts';
import { Inbox, reportToAlertRequested } from '@safeguard/platform';
import type { EntityManager } from 'typeorm';
import { EscalationClock } from '../clock/escalation.clock.js';
import { open, type EpisodeEvent } from '../domain/engine.js';
import { flagsFromAssessment } from '../domain/ladder.js';
import { flagsAt, profileFacts } from '../domain/profile.js';
import { ChildRepository } from '../repositories/child.repository.js';
import { EpisodeRepository } from '../repositories/episode.repository.js';
import { DecisionWriter } from './decision.writer.js';
import { EpisodeWorkflow } from './episode.workflow.js';
import { PolicyStore } from './policy.store.js';

type Event<T> = Envelope<T>;
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
    private readonly clock: EscalationClock,
  ) {}

  /** G1: the report opens the episode at once, from the profile's flags, whether or not risk-scoring has answered. */
  async reported(event: Event<DataOf<typeof AbsenceReported>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      if (await this.episodes.exists(em, d.episodeId)) return;
      const now = new Date();
      const discoveredAt = new Date(d.discoveredAt);
      const known = await this.children.profile(em, d.childId);
      // A profile older than the one the report was taken with is not the child as reported: treat it as unknown.
      const profile = known && known.version >= d.childProfileVersion ? { flags: flagsAt(known, discoveredAt), hostCouncil: known.hostCouncil } : null;
      const decision = open({
        id: d.episodeId, reference: d.episodeReference, childId: d.childId, homeId: d.homeId, placingCouncil: d.placingCouncil,
        policeForce: d.policeForce, classification: d.classification, discoveredAt, reportedAt: new Date(d.reportedAt), profile,
        priorDiscoveries: await this.episodes.priorDiscoveries(em, d.childId, d.episodeId, discoveredAt),
      }, this.policies.forCouncil(d.placingCouncil), now, randomUUID);
      await this.writer.write(em, decision, true, now);
      reportToAlertRequested.observe((Date.now() - Date.parse(d.reportedAt)) / 1000);
      // The assessment may have overtaken the report.
      const parked = await this.children.unpark<Assessment>(em, d.episodeId);
      if (parked) await this.workflow.apply(em, d.episodeId, assessed(parked));
    }, { lockKey: d.childId });
    await this.clock.wake();
  }

  async assessed(event: Event<Assessment>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      // The report travels on another topic and may arrive later: park the assessment; the report applies it.
      if (!(await this.episodes.exists(em, d.episodeId))) return this.children.park(em, d.episodeId, d);
      await this.workflow.apply(em, d.episodeId, assessed(d));
    }, { lockKey: d.childId });
    await this.clock.wake();
  }

  /** G4: a profile change (trafficking flag, UASC) acts on the child's open episode at once. */
  async profileChanged(event: Event<DataOf<typeof ChildProfileChanged>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const facts = profileFacts(d);
      if (!(await this.children.upsert(em, d.childId, facts))) return;
      const episodeId = await this.children.openEpisode(em, d.childId);
      const now = new Date();
      if (episodeId) await this.workflow.apply(em, episodeId, { kind: 'profile-changed', flags: flagsAt(facts, now), hostCouncil: facts.hostCouncil }, now);
    }, { lockKey: d.childId });
    await this.clock.wake();
  }

  async updated(event: Event<DataOf<typeof AbsenceUpdated>>) {
    const d = event.data;
    await this.apply(event, d.childId, d.episodeId, {
      kind: 'updated', at: new Date(d.updatedAt), ...(d.policeReference ? { policeReference: d.policeReference } : {}),
      ...(d.policeGrade ? { policeGrade: d.policeGrade } : {}), ...(d.classification ? { classification: d.classification } : {}),
    });
  }

  async returned(event: Event<DataOf<typeof ChildReturned>>) {
    const d = event.data;
    await this.apply(event, d.childId, d.episodeId, { kind: 'returned', returnedAt: new Date(d.returnedAt), safeAndWellChecked: !!d.safeAndWellCheckAt });
  }

  private async apply(event: Event<unknown>, childId: string, episodeId: string, e: EpisodeEvent) {
    await this.inbox.once(event, async (em: EntityManager) => {
      // Retried, then dead-lettered with this reason if the report never comes.
      if (!(await this.workflow.apply(em, episodeId, e))) throw new Error(`episode ${episodeId} not yet reported`);
    }, { lockKey: childId });
    await this.clock.wake();
  }
}

const assessed = (a: Assessment): EpisodeEvent => ({
  kind: 'assessed', level: a.level, flags: flagsFromAssessment(a.overrides, a.factors), ...(a.policeGrade ? { policeGrade: a.policeGrade } : {}),
});
