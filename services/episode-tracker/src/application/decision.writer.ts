import { Injectable } from '@nestjs/common';
import { AlertRequested, EpisodeChanged } from '@safeguard/contracts';
import { Outbox, outboxEvent } from '@safeguard/platform';
import type { EntityManager } from 'typeorm';
import { EscalationClock } from '../clock/escalation.clock.js';
import type { Decision, Timer } from '../domain/effects.js';
import type { Alert, Episode } from '../domain/episode.js';
import { parseStepKey } from '../domain/ladder.js';
import { EpisodeRepository } from '../repositories/episode.repository.js';

/** Writes a decision in the caller's transaction: the episode, its rows, its timers and its events commit together. */
@Injectable()
export class DecisionWriter {
  constructor(
    private readonly episodes: EpisodeRepository,
    private readonly outbox: Outbox,
    private readonly clock: EscalationClock,
  ) {}

  async write(em: EntityManager, { record, effects }: Decision, isNew: boolean, now: Date, policyReplaced = false) {
    const e = record.episode;
    if (isNew) await this.episodes.insert(em, e);
    else await this.episodes.update(em, e, policyReplaced);
    const alerts: Alert[] = [];
    let timers: Timer[] = [];
    const timeline: { what: string; who: string; why: string }[] = [];
    for (const fx of effects) {
      switch (fx.kind) {
        case 'alert': alerts.push(fx.alert); break;
        case 'book': timers.push(fx.timer); break;
        case 'cancel': // in order: what was booked before the cancel is written first, then cancelled with the rest
          await this.clock.book(em, e.id, timers);
          timers = [];
          await this.clock.cancel(em, e.id, fx.timers);
          break;
        case 'acknowledged': await this.episodes.acknowledge(em, fx.originAlertId, fx.by, fx.at, fx.policeReference); break;
        case 'escalated': await this.episodes.markEscalated(em, fx.alertId, fx.at); break;
        case 'police-informed': await this.episodes.policeInformed(em, e.id, fx.at); break;
        case 'task': await this.episodes.insertTask(em, fx.task, e.childId); break;
        case 'task-breached': await this.episodes.markBreached(em, fx.taskId, fx.at); break;
        case 'task-done': // a person's outcome is recorded by the task service; the engine's own with it here
          if (fx.outcome) await this.episodes.completeTask(em, fx.taskId, { outcome: fx.outcome, attempts: 0, refused: false, by: fx.by, at: fx.at });
          await this.clock.cancelTask(em, e.id, fx.taskId); // its deadline no longer matters
          break;
        case 'timeline': timeline.push(fx); break;
        case 'changed':
          await this.outbox.add(em, EpisodeChanged, e.childId, {
            episodeId: e.id, childId: e.childId, change: fx.change, state: e.state, level: e.level, ...fx.task, at: now.toISOString(),
          });
          break;
      }
    }
    await this.episodes.insertAlerts(em, alerts);
    await this.outbox.addAll(em, alerts.map((a) => outboxEvent(AlertRequested, e.childId, alertRequested(e, a))));
    await this.clock.book(em, e.id, timers);
    await this.episodes.record(em, e.id, now, timeline);
  }
}

/** The event that asks the notifier to reach an audience: ids and codes only. */
function alertRequested(e: Episode, a: Alert) {
  const rung = e.policy.ladders[e.ladder].rungs.findIndex((r) => r.key === parseStepKey(a.stepKey).rungKey);
  return {
    alertId: a.id, episodeId: e.id, episodeReference: e.reference, childId: e.childId,
    audience: { role: a.audience.role, scope: { kind: a.audience.scopeKind, id: a.audience.scopeId } }, level: a.level,
    ladder: e.ladder === 'T' ? 'T' as const : 'S' as const, rung: Math.max(rung, 0), ask: a.ask, attempt: a.attempt,
    ...(a.escalatedFrom ? { escalatedFrom: a.escalatedFrom } : {}), ...(a.missed ? { missed: a.missed } : {}),
    ...(a.toEveryoneAlerted ? { to: 'everyone-alerted' as const } : {}),
    ...(a.ackDeadline ? { ackDeadline: a.ackDeadline.toISOString() } : {}), requestedAt: a.requestedAt.toISOString(),
  };
}
