import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import {
  AbsenceReported, AlertRequested, EpisodeAssessed, EpisodeChanged, type DataOf, type Envelope, type RiskLevel,
} from '@safeguard/contracts';
import { applyOnce, OnEvent, Outbox } from '@safeguard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { stricterLadder, transition, type EpisodeState } from '../domain/episode.js';
import { ladderFor, RUNG_ZERO, type Rung } from '../domain/ladder.js';
import { EpisodeRepository, type EpisodeRecord } from './episode.repository.js';

const CONSUMER = 'episode-tracker';

/** Thin glue from events to the episode lifecycle: reports create episodes, the first assessment opens them. */
@Controller()
export class EpisodeConsumer {
  private readonly repo = new EpisodeRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  @OnEvent(AbsenceReported)
  async onReported(event: Envelope<DataOf<typeof AbsenceReported>>) {
    const d = event.data;
    await applyOnce(this.dataSource, CONSUMER, event, async (em) => {
      await this.repo.insertReported(em, {
        id: d.episodeId, reference: d.episodeReference, childId: d.childId, homeId: d.homeId,
        placingCouncil: d.placingCouncil, policeForce: d.policeForce, classification: d.classification,
        discoveredAt: new Date(d.discoveredAt),
      });
      await this.repo.record(em, d.episodeId, new Date(d.reportedAt), 'reported', 'intake', `classification ${d.classification}`);
    });
  }

  @OnEvent(EpisodeAssessed)
  async onAssessed(event: Envelope<DataOf<typeof EpisodeAssessed>>) {
    const d = event.data;
    await applyOnce(this.dataSource, CONSUMER, event, async (em) => {
      const episode = await this.repo.lock(em, d.episodeId);
      // The report travels on another topic and may arrive later: retry until it has.
      if (!episode) throw new Error(`episode ${d.episodeId} not yet reported`);
      const now = new Date();
      const ladder = ladderFor(d.level, d.overrides, d.factors);
      if (episode.state === 'reported') {
        await this.repo.open(em, episode.id, d.level, ladder, now);
        const why = `level ${d.level} (score ${d.score}${d.overrides.length ? `, ${d.overrides.join(', ')}` : ''}); ladder ${ladder}`;
        await this.repo.record(em, episode.id, now, 'opened', 'risk-scoring', why);
        await this.changed(em, episode, 'opened', transition(episode.state as EpisodeState, 'open'), d.level, now);
        for (const rung of RUNG_ZERO) await this.requestAlert(em, episode, rung, d.level, ladder, now);
      } else if (episode.state === 'open') {
        const stricter = stricterLadder(episode.ladder as 'T' | 'S', ladder);
        await this.repo.setLevel(em, episode.id, d.level, stricter);
        await this.repo.record(em, episode.id, now, 'assessed', 'risk-scoring', `level ${d.level}; ladder ${stricter}`);
      }
    });
  }

  private async requestAlert(em: EntityManager, e: EpisodeRecord, rung: Rung, level: RiskLevel, ladder: 'T' | 'S', now: Date) {
    const alertId = randomUUID();
    const scopeId = rung.scope === 'home' ? e.homeId : rung.scope === 'council' ? e.placingCouncil : e.policeForce;
    const ackDeadline = new Date(now.getTime() + rung.ackWithinMinutes * 60_000);
    await this.repo.insertAlert(em, {
      id: alertId, episodeId: e.id, role: rung.role, scopeKind: rung.scope, scopeId, rung: rung.rung, ask: rung.ask,
      level, attempt: 1, requestedAt: now, ackDeadline,
    });
    await this.outbox.add(em, AlertRequested, e.childId, {
      alertId, episodeId: e.id, episodeReference: e.reference, childId: e.childId,
      audience: { role: rung.role, scope: { kind: rung.scope, id: scopeId } }, level, ladder, rung: rung.rung,
      ask: rung.ask, attempt: 1, ackDeadline: ackDeadline.toISOString(), requestedAt: now.toISOString(),
    });
  }

  private async changed(em: EntityManager, e: EpisodeRecord, change: 'opened', state: EpisodeState, level: RiskLevel, at: Date) {
    await this.outbox.add(em, EpisodeChanged, e.childId, {
      episodeId: e.id, childId: e.childId, change, state, level, at: at.toISOString(),
    });
  }
}
