import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AlertRequested, EpisodeChanged, type DataOf, type EpisodeAssessed, type RiskLevel } from '@safeguard/contracts';
import { Outbox, reportToAlertRequested } from '@safeguard/platform';
import type { EntityManager } from 'typeorm';
import { ladderRuns, transition, type EpisodeState } from '../domain/episode.js';
import { ESCALATED, escalationOf, flagsFrom, ladderFor, ladderRungKey, planRungs, rungApplies, stricter } from '../domain/ladder.js';
import type { Audience, LadderName, Rung } from '../domain/policy.js';
import { needsRepeatMeeting, strategyMeetingDue } from '../domain/tasks.js';
import { EpisodeRepository, type Alert, type Episode } from './episode.repository.js';
import { EscalationClock } from './escalation.clock.js';
import { PolicyStore } from './policy.store.js';

type Change = DataOf<typeof EpisodeChanged>['change'];
type TaskKind = NonNullable<DataOf<typeof EpisodeChanged>['taskKind']>;
type AlertAsk = DataOf<typeof AlertRequested>['ask'];
type Assessment = Pick<DataOf<typeof EpisodeAssessed>, 'level' | 'overrides' | 'factors'>;

/**
 * The episode lifecycle and its escalation ladder. Every method runs inside the caller's transaction, so a state
 * change, its timeline entry, its timers and its events commit together or not at all.
 */
@Injectable()
export class EscalationService {
  private readonly repo = new EpisodeRepository();

  constructor(
    private readonly outbox: Outbox,
    private readonly clock: EscalationClock,
    private readonly policies: PolicyStore,
  ) {}

  /** The first assessment opens the episode: policy snapshot, ladder, rung 0 at once, later rungs booked. */
  async open(em: EntityManager, e: Episode, a: Assessment, now: Date) {
    const policy = this.policies.forCouncil(e.placingCouncil);
    const flags = flagsFrom(a.overrides, a.factors);
    const ladder = ladderFor(a.level, flags);
    const state = transition(e.state as EpisodeState, 'open');
    await this.repo.update(em, e.id, {
      state, level: a.level, ladder, openedAt: now, policy, factors: a.factors, overrides: a.overrides,
      trafficked: flags.trafficked, uascOrSeparated: flags.uascOrSeparated,
    });
    const opened: Episode = { ...e, state, level: a.level, ladder, policy, ...flags, factors: a.factors, overrides: a.overrides };
    await this.repo.record(em, e.id, now, 'opened', 'risk-scoring', `level ${a.level}, ladder ${ladder}, policy ${policy.version}`);
    await this.changed(em, opened, 'opened', now);
    const prior = await this.repo.priorDiscoveries(em, e.childId, e.id, e.discoveredAt);
    if (needsRepeatMeeting(prior, e.discoveredAt, flags)) {
      await this.createTask(em, opened, 'repeat-episode-meeting', now, new Date(now.getTime() + policy.tasks.repeatMeetingDueSeconds * 1000));
    }
    await this.plan(em, opened, now);
    if (e.reportedAt) reportToAlertRequested.observe((Date.now() - e.reportedAt.getTime()) / 1000);
  }

  /** A later assessment: the level follows it; the ladder only ever becomes stricter while open. */
  async reassess(em: EntityManager, e: Episode, a: Assessment, now: Date) {
    const flags = flagsFrom(a.overrides, a.factors);
    const merged = { trafficked: e.trafficked || flags.trafficked, uascOrSeparated: e.uascOrSeparated || flags.uascOrSeparated };
    const ladder = stricter(e.ladder as LadderName, ladderFor(a.level, merged));
    await this.repo.update(em, e.id, { level: a.level, ladder, factors: a.factors, overrides: a.overrides, ...merged });
    await this.repo.record(em, e.id, now, 'assessed', 'risk-scoring', `level ${a.level}`);
    if (ladder !== e.ladder) {
      const moved: Episode = { ...e, level: a.level, ladder, ...merged };
      await this.repo.record(em, e.id, now, 'ladder-changed', 'risk-scoring', `${e.ladder} → ${ladder}`);
      await this.changed(em, moved, 'ladder-changed', now);
      await this.clock.cancelRungs(em, e.id);
      await this.plan(em, moved, now);
    }
  }

  /** Books every rung not yet fired; those already due fire now, in this transaction. */
  private async plan(em: EntityManager, e: Episode, now: Date) {
    const fired = await this.repo.firedRungs(em, e.id);
    const later: { rungKey: string; dueAt: Date }[] = [];
    for (const p of planRungs(e.policy!, e.ladder as LadderName, e.discoveredAt, e.level as RiskLevel, fired)) {
      if (p.dueAt <= now) await this.fireRung(em, e, p.rung.key, now);
      else later.push({ rungKey: p.rung.key, dueAt: p.dueAt });
    }
    await this.clock.bookRungs(em, e.id, later);
  }

  async fireRung(em: EntityManager, e: Episode, rungKey: string, now: Date) {
    if (!ladderRuns(e.state as EpisodeState)) return;
    const rung = e.policy!.ladders[e.ladder as LadderName].find((r) => r.key === rungKey);
    if (!rung || !(await this.repo.markRungFired(em, e.id, rungKey, now))) return;
    if (!rungApplies(rung, { flags: e, policeReference: e.policeReference })) {
      await this.repo.record(em, e.id, now, 'rung-skipped', 'clock', `${rung.key}: ${rung.onlyIf}`);
      return;
    }
    for (const audience of rung.audiences) await this.requestAlert(em, e, rung, audience, rung.ask, 1, now);
    await this.repo.record(em, e.id, now, 'escalated', 'clock', `${rung.key}: ${rung.audiences.map((a) => a.role).join(', ')}`);
    await this.changed(em, e, 'escalated', now);
    if (rung.createsTask === 'strategy-meeting' && !(await this.repo.hasTask(em, e.id, 'strategy-meeting'))) {
      const { dueAt, hardDueAt } = strategyMeetingDue(now, e.policy!.tasks.strategyMeeting.hardLimitSeconds);
      await this.createTask(em, e, 'strategy-meeting', now, dueAt, hardDueAt, e.policy!.tasks.strategyMeeting.invitees);
    }
    // The tracker sees trafficking as suspected-or-above; whoever holds the task closes it if a referral exists.
    if (rung.createsTask === 'nrm-referral' && !(await this.repo.hasTask(em, e.id, 'nrm-referral'))) {
      await this.createTask(em, e, 'nrm-referral', now, new Date(now.getTime() + e.policy!.tasks.nrmReferralDueSeconds * 1000));
    }
    if (rung.breachIfNoStrategyMeeting && !(await this.repo.hasTask(em, e.id, 'strategy-meeting', 'done'))) {
      await this.repo.record(em, e.id, now, 'breach', 'clock', 'no strategy meeting held by this rung');
    }
  }

  private async requestAlert(em: EntityManager, e: Episode, rung: Pick<Rung, 'key' | 'ackWithinSeconds'>, audience: Audience,
    ask: AlertAsk, attempt: number, now: Date, originAlertId?: string, ackWithinSeconds = rung.ackWithinSeconds) {
    const id = randomUUID();
    const scopeId = audience.scope === 'home' ? e.homeId : audience.scope === 'council' ? e.placingCouncil : e.policeForce;
    const ackDeadline = ackWithinSeconds ? new Date(now.getTime() + ackWithinSeconds * 1000) : null;
    await this.repo.insertAlert(em, {
      id, episodeId: e.id, originAlertId: originAlertId ?? id, rungKey: rung.key, role: audience.role, scopeKind: audience.scope,
      scopeId, ask, level: e.level ?? 'high', attempt, requestedAt: now, ackDeadline,
    });
    await this.outbox.add(em, AlertRequested, e.childId, {
      alertId: id, episodeId: e.id, episodeReference: e.reference, childId: e.childId,
      audience: { role: audience.role, scope: { kind: audience.scope, id: scopeId } }, level: (e.level ?? 'high') as RiskLevel,
      ladder: e.ladder === 'T' ? 'T' : 'S', rung: this.rungIndex(e, rung.key), ask, attempt,
      ...(ackDeadline ? { ackDeadline: ackDeadline.toISOString() } : {}), requestedAt: now.toISOString(),
    });
    if (ackDeadline) await this.clock.bookAck(em, e.id, id, ackDeadline);
  }

  /** An acknowledgement deadline passed: re-send once, then escalate. Acknowledged alerts are left alone. */
  async ackDeadlinePassed(em: EntityManager, alertId: string, now: Date) {
    const alert = await this.repo.alert(em, alertId, true);
    if (!alert || alert.acknowledgedAt || alert.escalatedAt) return;
    const e = (await this.repo.episode(em, alert.episodeId, true))!;
    if (!ladderRuns(e.state as EpisodeState)) return;
    const audience = { role: alert.role, scope: alert.scopeKind } as Audience;
    if (alert.attempt === 1) {
      await this.repo.record(em, e.id, now, 're-notified', 'clock', `${alert.role} did not acknowledge`);
      await this.requestAlert(em, e, { key: alert.rungKey }, audience, alert.ask as AlertAsk, 2, now, alert.originAlertId,
        e.policy!.renotifyAckWithinSeconds);
      return;
    }
    await this.escalate(em, e, alert, now, 'not acknowledged after re-notification');
  }

  /** Escalates past an alert: its rung's escalateTo audience, or the next rung at once. */
  async escalate(em: EntityManager, e: Episode, alert: Alert, now: Date, why: string) {
    await this.repo.markEscalated(em, alert.id, now);
    const next = escalationOf(e.policy!, e.ladder as LadderName, alert.rungKey);
    await this.repo.record(em, e.id, now, 'escalated', 'clock', `${alert.role} ${why}`);
    if (next.audience) {
      await this.requestAlert(em, e, { key: `${ESCALATED}${alert.rungKey}`, ackWithinSeconds: e.policy!.renotifyAckWithinSeconds }, next.audience,
        'acknowledge', 1, now);
    } else if (next.nextRungKey) {
      await this.clock.cancelRung(em, e.id, next.nextRungKey);
      await this.fireRung(em, e, next.nextRungKey, now);
    } else {
      await this.repo.record(em, e.id, now, 'escalation-exhausted', 'clock', `nothing above ${alert.rungKey} to escalate to`);
    }
  }

  /** Nobody held the role on duty: recorded as a gap and escalated at once (design §4). */
  async gap(em: EntityManager, alertId: string, now: Date) {
    const alert = await this.repo.alert(em, alertId, true);
    if (!alert) return;
    await this.repo.recordDelivery(em, alertId, 'gap');
    const e = (await this.repo.episode(em, alert.episodeId, true))!;
    if (!ladderRuns(e.state as EpisodeState) || alert.escalatedAt) return;
    await this.repo.record(em, e.id, now, 'gap', 'notifier', `nobody on duty as ${alert.role}`);
    await this.escalate(em, e, alert, now, 'had nobody on duty');
  }

  /** Records an acknowledgement (console or signed link). It stops that alert's re-notification, never the clock. */
  async acknowledge(em: EntityManager, alert: Alert, by: string, now: Date, policeReference?: string): Promise<boolean> {
    const changed = await this.repo.acknowledge(em, alert.originAlertId, by, now, policeReference ?? null);
    if (changed === 0) return false;
    await this.repo.record(em, alert.episodeId, now, 'acknowledged', by, `${alert.role}${policeReference ? `, police reference ${policeReference}` : ''}`);
    const e = (await this.repo.episode(em, alert.episodeId, true))!;
    if (policeReference && !e.policeReference) await this.repo.policeInformed(em, e.id, policeReference, now);
    return true;
  }

  /** The child is back: stop the ladder, tell everyone who was alerted, and set the return-interview deadline. */
  async returned(em: EntityManager, e: Episode, returnedAt: Date, now: Date) {
    const state = transition(e.state as EpisodeState, 'returned');
    await this.repo.update(em, e.id, { state, returnedAt });
    await this.clock.cancelAll(em, e.id);
    await this.repo.record(em, e.id, now, 'returned', 'intake', 'child located and returned');
    const back: Episode = { ...e, state, returnedAt };
    await this.changed(em, back, 'returned', now);
    const told = new Set<string>();
    for (const a of await this.repo.alerts(em, e.id)) {
      const key = `${a.role}/${a.scopeKind}`;
      if (told.has(key) || a.ask === 'child-found') continue;
      told.add(key);
      await this.requestAlert(em, back, { key: a.rungKey }, { role: a.role, scope: a.scopeKind } as Audience, 'child-found', 1, now);
    }
    const policy = e.policy ?? this.policies.forCouncil(e.placingCouncil);
    await this.createTask(em, back, 'return-home-interview', now, new Date(returnedAt.getTime() + policy.tasks.returnInterviewDueSeconds * 1000));
  }

  async close(em: EntityManager, e: Episode, by: string, now: Date) {
    const state = transition(e.state as EpisodeState, 'closed');
    await this.repo.update(em, e.id, { state });
    await this.repo.record(em, e.id, now, 'closed', `user:${by}`, 'return interview recorded');
    await this.changed(em, { ...e, state }, 'closed', now);
  }

  async createTask(em: EntityManager, e: Episode, kind: TaskKind, now: Date, dueAt: Date, hardDueAt: Date | null = null, invitees: string[] = []) {
    const id = randomUUID();
    await this.repo.insertTask(em, { id, episodeId: e.id, childId: e.childId, kind, dueAt, hardDueAt, invitees, createdAt: now });
    await this.repo.record(em, e.id, now, 'task-created', 'clock', `${kind} due ${dueAt.toISOString()}`);
    await this.changed(em, e, 'task-created', now, { taskId: id, taskKind: kind });
    await this.clock.bookTaskBreach(em, e.id, id, hardDueAt ?? dueAt);
  }

  /** A task passed its deadline still open: a breach alert to the council's team manager. */
  async taskDeadlinePassed(em: EntityManager, taskId: string, now: Date) {
    const task = await this.repo.task(em, taskId, true);
    if (!task || task.state !== 'open' || task.breachedAt) return;
    await this.repo.markBreached(em, taskId, now);
    const e = (await this.repo.episode(em, task.episodeId))!;
    await this.repo.record(em, e.id, now, 'task-breached', 'clock', `${task.kind} not done by ${new Date(task.dueAt).toISOString()}`);
    await this.requestAlert(em, e, { key: `breach-${task.kind}`, ackWithinSeconds: e.policy?.renotifyAckWithinSeconds ?? 600 },
      { role: 'team-manager', scope: 'council' }, 'acknowledge', 1, now);
  }

  private rungIndex(e: Episode, key: string): number {
    const i = e.policy?.ladders[e.ladder as LadderName]?.findIndex((r) => r.key === ladderRungKey(key)) ?? -1;
    return i < 0 ? 0 : i;
  }

  async changed(em: EntityManager, e: Episode, change: Change, at: Date, task?: { taskId: string; taskKind: TaskKind }) {
    await this.outbox.add(em, EpisodeChanged, e.childId, {
      episodeId: e.id, childId: e.childId, change, state: e.state as EpisodeState,
      ...(e.level ? { level: e.level as RiskLevel } : {}), ...task, at: at.toISOString(),
    });
  }
}
