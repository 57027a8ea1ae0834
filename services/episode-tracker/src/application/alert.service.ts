import { Injectable } from '@nestjs/common';
import type { AlertAcknowledged, AlertDeliveredV2, AlertFailedV2, DataOf, Envelope } from '@safeguard/contracts';
import { Inbox, type Caller } from '@safeguard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { EscalationClock } from '../clock/escalation.clock.js';
import { access } from '../domain/access.js';
import { Refused } from '../domain/effects.js';
import { EpisodeRepository } from '../repositories/episode.repository.js';
import { ViewsRepository } from '../repositories/views.repository.js';
import { EpisodeWorkflow } from './episode.workflow.js';

/** Alerts and escalation: acknowledgements, delivery outcomes, and what the clock does when steps and deadlines fall due. */
@Injectable()
export class AlertService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly episodes: EpisodeRepository,
    private readonly views: ViewsRepository,
    private readonly workflow: EpisodeWorkflow,
    private readonly clock: EscalationClock,
  ) {}

  /** From the console: only the alert's own audience may acknowledge it, and never on a closed episode. */
  async acknowledge(caller: Caller, alertId: string, policeReference?: string) {
    const result = await this.dataSource.transaction(async (em) => {
      const episodeId = await this.episodes.episodeOfAlert(em, alertId);
      const at = { episode: episodeId ? await this.views.episodePlace(em, episodeId) : undefined, now: new Date() };
      access.assert(policeReference ? 'givePoliceReference' : 'acknowledgeAlert', caller, at);
      const decision = await this.workflow.command(em, episodeId!, { // the rules hide an alert with no episode
        kind: 'acknowledged', alertId, by: `user:${caller.sub}`, caller: { role: caller.role, scopeKind: caller.scope.kind, scopeId: caller.scope.id },
        ...(policeReference ? { policeReference } : {}),
      });
      return { alertId, acknowledged: true, alreadyAcknowledged: !decision?.effects.some((fx) => fx.kind === 'acknowledged') };
    });
    await this.clock.wake();
    return result;
  }

  /** From a signed link (the notifier checked the recipient); a link to a closed episode changes nothing. */
  async acknowledgedByLink(event: Envelope<DataOf<typeof AlertAcknowledged>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      const episodeId = await this.episodes.episodeOfAlert(em, d.alertId);
      if (!episodeId) throw new Error(`alert ${d.alertId} unknown`);
      await this.workflow.apply(em, episodeId, {
        kind: 'acknowledged', alertId: d.alertId, by: `recipient:${d.recipientId}`, ...(d.policeReference ? { policeReference: d.policeReference } : {}),
      }).catch((error) => {
        if (!(error instanceof Refused)) throw error;
      });
    }, { lockKey: d.childId });
  }

  async delivered(event: Envelope<DataOf<typeof AlertDeliveredV2>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      await this.episodes.lock(em, d.episodeId); // the episode before its alert rows, as timers and requests take them
      await this.episodes.recordDelivery(em, d.alertId, 'delivered', new Date(d.deliveredAt));
    }, { lockKey: d.childId });
  }

  /** A gap (nobody on duty, or someone unreachable on every channel) escalates at once; a channel failure is shown. */
  async failed(event: Envelope<DataOf<typeof AlertFailedV2>>) {
    const d = event.data;
    await this.inbox.once(event, async (em) => {
      await this.episodes.lock(em, d.episodeId); // the episode before its alert rows, as timers take them
      await this.episodes.recordDelivery(em, d.alertId, d.kind === 'gap' ? 'gap' : 'failed');
      await this.workflow.apply(em, d.episodeId, d.kind === 'gap'
        ? { kind: 'gap', alertId: d.alertId, gap: d.gap }
        : { kind: 'channel-failed', alertId: d.alertId, channel: d.channel, failure: d.failure, ...(d.retryingOn ? { retryingOn: d.retryingOn } : {}) });
    }, { lockKey: d.childId });
  }

  /** The clock: a ladder step or an acknowledgement deadline fell due (inside the timer's own transaction). */
  async stepDue(em: EntityManager, episodeId: string, stepKey: string) {
    await this.workflow.apply(em, episodeId, { kind: 'step-due', stepKey });
  }

  async ackDue(em: EntityManager, episodeId: string, alertId: string) {
    await this.workflow.apply(em, episodeId, { kind: 'ack-due', alertId });
  }
}
