import {
  higherLevel as higher, type Channel, type ChannelFailure, type DeliveryGap, type NotifiableEvent, type Role, type TaskKind,
} from '@safeguard/contracts';
import { needsRepeatMeeting, regulation40Events, strategyMeetingDue } from './tasks.js';
import type { Change, Decision, Effect, NewId } from './effects.js';
import { Refused } from './effects.js';
import {
  firedKey, ladderRuns, resolveAudience, treeOf, type Alert, type AlertPurpose, type ChildFlags, type Classification, type Episode,
  type EpisodeRecord, type ResolvedAudience, type Task,
} from './episode.js';
import {
  ladderFor, mergeFlags, occurrencesDue, parseStepKey, provisionalLevel, rungApplies, stepDueAt, stepKey, stricter,
} from './ladder.js';
import { TASK_RULE, type Audience, type Level, type Policy, type Rung } from './policy.js';

/** Everything that can happen to an open episode. */
export type EpisodeEvent =
  | { kind: 'assessed'; level: Level; flags: Partial<ChildFlags>; policeGrade?: Level }
  | { kind: 'profile-changed'; flags: ChildFlags; hostCouncil: string | null }
  | {
    kind: 'updated'; policeReference?: string; policeGrade?: Level; classification?: Classification; notifiableEvents?: NotifiableEvent[]; at: Date;
  }
  | { kind: 'step-due'; stepKey: string }
  | { kind: 'ack-due'; alertId: string }
  | { kind: 'acknowledged'; alertId: string; by: string; caller?: ResolvedAudience; policeReference?: string }
  /** Nobody held the role on duty, or every channel failed for someone: escalates at once. */
  | { kind: 'gap'; alertId: string; gap: DeliveryGap }
  /** One channel did not reach one person (the notifier tries the other): shown on the timeline. */
  | { kind: 'channel-failed'; alertId: string; channel: Channel; failure: ChannelFailure; retryingOn?: Channel }
  | { kind: 'task-due'; taskId: string }
  | { kind: 'task-completed'; taskId: string; by: string }
  | { kind: 'returned'; returnedAt: Date; safeAndWellChecked: boolean }
  /** Only when upgrading a snapshot taken under an older policy shape: re-planned once under the council's policy now. */
  | { kind: 'policy-replaced'; policy: Policy };

/** What intake reported, with what the tracker knows of the child's profile (null: not yet known). */
export interface Report {
  id: string;
  reference: string;
  childId: string;
  homeId: string;
  placingCouncil: string;
  policeForce: string;
  classification: Classification;
  discoveredAt: Date;
  reportedAt: Date;
  profile: { flags: ChildFlags; hostCouncil: string | null } | null;
  priorDiscoveries: Date[];
}

const NO_FLAGS: ChildFlags = {
  trafficked: false, uascOrSeparated: false, under13: false, nrmReferred: false, childrensHome: false, sexualExploitation: false,
};

/**
 * G1: the report opens the episode at once with a provisional level from the child's profile flags (profile unknown:
 * ladder T), whether or not risk-scoring has answered; scoring can only make it stricter.
 */
export function open(report: Report, policy: Policy, now: Date, newId: NewId): Decision {
  const flags = report.profile?.flags ?? NO_FLAGS;
  // Nothing known of the child: treat them as the children this service exists for (ladder T, high).
  const level = report.profile ? provisionalLevel(flags) : 'high';
  const ladder = report.profile ? ladderFor(level, flags, report.classification) : 'T';
  const episode: Episode = {
    id: report.id, reference: report.reference, childId: report.childId, homeId: report.homeId,
    placingCouncil: report.placingCouncil, hostCouncil: report.profile?.hostCouncil ?? null, policeForce: report.policeForce,
    classification: report.classification, state: 'open', level, provisional: true, ladder, flags, policeReference: null,
    notifiableEvents: [], policy, discoveredAt: report.discoveredAt, reportedAt: report.reportedAt, openedAt: now, returnedAt: null,
  };
  const w = new Work({ episode, alerts: [], tasks: [], fired: new Set() }, now, newId);
  w.note('opened', 'intake', `classification ${report.classification}, provisional level ${level} from ${report.profile ? 'the profile' : 'an unknown profile'}, ladder ${ladder}, policy ${policy.version}`);
  w.changed('opened');
  if (needsRepeatMeeting(report.priorDiscoveries, report.discoveredAt, flags)) w.openTask('repeat-episode-meeting');
  w.plan();
  w.notices();
  return w.done();
}

/** Applies one event to an episode: the pure heart of the tracker. Throws Refused for a command that cannot apply. */
export function decide(record: EpisodeRecord, event: EpisodeEvent, now: Date, newId: NewId): Decision {
  const w = new Work(record, now, newId);
  switch (event.kind) {
    case 'assessed': w.assessed(event.level, event.flags, event.policeGrade); break;
    case 'profile-changed': w.profileChanged(event.flags, event.hostCouncil); break;
    case 'updated': w.updated(event); break;
    case 'step-due': w.stepDue(event.stepKey); break;
    case 'ack-due': w.ackDue(event.alertId); break;
    case 'acknowledged': w.acknowledged(event); break;
    case 'gap': w.gap(event.alertId, event.gap); break;
    case 'channel-failed': w.channelFailed(event); break;
    case 'task-due': w.taskDue(event.taskId); break;
    case 'task-completed': w.taskCompleted(event.taskId, event.by); break;
    case 'returned': w.returned(event.returnedAt, event.safeAndWellChecked); break;
    case 'policy-replaced': w.policyReplaced(event.policy); break;
  }
  return w.done();
}

/** One transition in progress: a private copy of the record and the effects so far. */
class Work {
  private e: Episode;
  private readonly alerts: Alert[];
  private readonly tasks: Task[];
  private readonly fired: Set<string>;
  private readonly effects: Effect[] = [];

  constructor(record: EpisodeRecord, private readonly now: Date, private readonly newId: NewId) {
    // Copy on write: the arrays are copied, an alert or task only when it changes (see patch).
    this.e = { ...record.episode, flags: { ...record.episode.flags } };
    this.alerts = [...record.alerts];
    this.tasks = [...record.tasks];
    this.fired = new Set(record.fired);
  }

  done(): Decision {
    return { record: { episode: this.e, alerts: this.alerts, tasks: this.tasks, fired: this.fired }, effects: this.effects };
  }

  private get policy(): Policy {
    return this.e.policy;
  }

  private get rungs(): readonly Rung[] {
    return this.policy.ladders[this.e.ladder].rungs;
  }

  // ── risk: only ever stricter (G4) ──────────────────────────────────────────────────────────────────────────────

  assessed(level: Level, flags: Partial<ChildFlags>, policeGrade?: Level) {
    const was = { ...this.e };
    this.e = { ...this.e, provisional: false, flags: mergeFlags(this.e.flags, flags), level: higher(this.e.level, higher(level, policeGrade ?? 'very-low')) };
    this.note('assessed', 'risk-scoring', `scored ${level}${policeGrade ? `, police grade ${policeGrade}` : ''}`);
    this.replanIfRaised(was);
  }

  profileChanged(flags: ChildFlags, hostCouncil: string | null) {
    const was = { ...this.e };
    const merged = mergeFlags(this.e.flags, flags);
    this.e = { ...this.e, flags: merged, hostCouncil: hostCouncil ?? this.e.hostCouncil, level: higher(this.e.level, provisionalLevel(merged)) };
    this.note('profile-changed', 'intake', 'the child\'s profile changed');
    if (merged.nrmReferred) {
      for (const t of this.tasks.filter((x) => x.kind === 'nrm-referral' && x.state === 'open')) {
        this.completeTask(t, 'intake', 'An NRM referral is now recorded on the child\'s profile');
      }
    }
    this.notices();
    this.replanIfRaised(was);
  }

  updated(u: Extract<EpisodeEvent, { kind: 'updated' }>) {
    const was = { ...this.e };
    if (u.policeReference && u.policeReference !== this.e.policeReference) this.policeInformed(u.policeReference, u.at);
    if (u.policeGrade) {
      this.e = { ...this.e, level: higher(this.e.level, u.policeGrade) };
      this.note('police-grade', 'intake', `police grade ${u.policeGrade}`);
    }
    if (u.classification && u.classification !== this.e.classification) {
      this.note('reclassified', 'intake', `${this.e.classification} → ${u.classification}`);
      this.e = { ...this.e, classification: u.classification };
      this.changed('reclassified');
    }
    const reported = [...new Set(u.notifiableEvents)].filter((x) => !this.e.notifiableEvents.includes(x));
    if (reported.length > 0) {
      this.e = { ...this.e, notifiableEvents: [...this.e.notifiableEvents, ...reported] };
      for (const x of reported) this.note('notifiable-event', 'intake', `reported: ${x}`); // the console says each code in words
    }
    this.notices();
    this.replanIfRaised(was);
  }

  /** A higher level, a stricter ladder, a new flag or a new host council re-plans at once: every due step fires for each audience not yet alerted. */
  private replanIfRaised(was: Episode) {
    this.e.ladder = stricter(this.e.ladder, ladderFor(this.e.level, this.e.flags, this.e.classification));
    const flagsRaised = (Object.keys(this.e.flags) as (keyof ChildFlags)[]).some((f) => this.e.flags[f] !== was.flags[f]);
    const moved = this.e.level !== was.level || this.e.ladder !== was.ladder || this.e.classification !== was.classification;
    const placeChanged = this.e.hostCouncil !== was.hostCouncil; // placed out of area mid-episode: the host council hears at once
    if (!ladderRuns(this.e.state) || (!moved && !flagsRaised && !placeChanged)) return;
    if (moved) {
      this.note('ladder-changed', 'clock', `level ${was.level} → ${this.e.level}, ladder ${was.ladder} → ${this.e.ladder}`);
      this.changed('ladder-changed');
    }
    this.replan();
  }

  policyReplaced(policy: Policy) {
    this.e = { ...this.e, policy };
    this.note('policy-replaced', 'clock', `snapshot upgraded to policy ${policy.version}`);
    if (ladderRuns(this.e.state)) this.replan();
  }

  /** Books the ladder afresh: pending steps cancelled, what is due fires now, the rest is booked. */
  private replan() {
    this.effects.push({ kind: 'cancel', timers: 'steps' });
    this.plan();
  }

  // ── the ladder (G3, G4, G9) ────────────────────────────────────────────────────────────────────────────────────

  /** Fires every step due by now (the latest occurrence of a repeating one) and books each rung's next occurrence. */
  plan() {
    for (const rung of this.rungs) {
      const due = occurrencesDue(rung, this.e, this.now);
      if (due > 0) this.fireStep(rung, due);
      if (due === 0 || rung.repeatEverySeconds) this.bookStep(rung, due + 1);
    }
  }

  stepDue(key: string) {
    if (!ladderRuns(this.e.state)) return;
    const { rungKey, occurrence } = parseStepKey(key);
    const rung = this.rungs.find((r) => r.key === rungKey);
    if (!rung) return; // booked on a ladder the episode has since left
    // After an outage, a repeating step catches up to its latest occurrence instead of firing every one it missed.
    const latest = Math.max(occurrence, occurrencesDue(rung, this.e, this.now));
    this.fireStep(rung, latest);
    if (rung.repeatEverySeconds) this.bookStep(rung, latest + 1);
  }

  private bookStep(rung: Rung, occurrence: number) {
    this.effects.push({ kind: 'book', timer: { kind: 'step', stepKey: stepKey(rung, occurrence), dueAt: stepDueAt(rung, this.e, occurrence) } });
  }

  private fireStep(rung: Rung, occurrence: number) {
    const key = stepKey(rung, occurrence);
    if (!rungApplies(rung, this.e)) return;
    const targets = rung.audiences.flatMap((a) => {
      const resolved = this.resolve(a);
      return resolved && !this.fired.has(firedKey(key, resolved)) ? [{ audience: a, resolved }] : [];
    });
    if (targets.length === 0) return;
    const strategyMeetingMissed = rung.breachIfNoStrategyMeeting && !this.tasks.some((t) => t.kind === 'strategy-meeting' && t.state === 'done');
    const ask = this.e.classification === 'A' && rung.promptsAToMReview ? 'a-to-m-review' : strategyMeetingMissed ? 'deadline-missed' : rung.ask;
    for (const { resolved } of targets) {
      this.fired.add(firedKey(key, resolved));
      this.alert({ purpose: 'step', stepKey: key, audience: resolved, ask, ackWithinSeconds: rung.ackWithinSeconds,
        ...(strategyMeetingMissed ? { missed: 'strategy-meeting' } : {}) });
    }
    this.note('alerted', 'clock', `${key}: ${targets.map((t) => t.audience.role).join(', ')}${ask === rung.ask ? '' : ` (${ask})`}`);
    this.changed('escalated');
    if (rung.createsTask === 'strategy-meeting') this.openTaskOnce('strategy-meeting');
    if (rung.createsTask === 'nrm-referral') {
      // G8: a referral task only for a child who has none.
      if (this.e.flags.nrmReferred) this.note('nrm-referral-exists', 'clock', 'the child is already referred to the NRM: no referral task');
      else this.openTaskOnce('nrm-referral');
    }
  }

  private resolve(a: Audience): ResolvedAudience | undefined {
    return resolveAudience(this.e, a);
  }

  // ── alerts, silence and escalation (G2) ────────────────────────────────────────────────────────────────────────

  private alert(o: {
    purpose: AlertPurpose; stepKey: string; audience: ResolvedAudience; ask: Alert['ask']; ackWithinSeconds?: number;
    missed?: TaskKind; escalatedFrom?: Role; attempt?: number; originAlertId?: string; rootAlertId?: string; toEveryoneAlerted?: boolean;
  }): Alert {
    const id = this.newId();
    const a: Alert = {
      id, episodeId: this.e.id, originAlertId: o.originAlertId ?? id, rootAlertId: o.rootAlertId ?? id, purpose: o.purpose,
      stepKey: o.stepKey, audience: o.audience, ask: o.ask, escalatedFrom: o.escalatedFrom ?? null, missed: o.missed ?? null,
      level: this.e.level, attempt: o.attempt ?? 1, requestedAt: this.now,
      ackDeadline: o.ackWithinSeconds ? new Date(this.now.getTime() + o.ackWithinSeconds * 1000) : null,
      acknowledgedAt: null, acknowledgedBy: null, escalatedAt: null, toEveryoneAlerted: o.toEveryoneAlerted ?? false,
    };
    this.alerts.push(a);
    this.effects.push({ kind: 'alert', alert: a });
    if (a.ackDeadline) this.effects.push({ kind: 'book', timer: { kind: 'ack', alertId: id, tree: treeOf(this.alerts, a), dueAt: a.ackDeadline } });
    return a;
  }

  /** Whether silence on this alert should still be chased: nobody in its tree answered and its reason still holds. */
  private stillLive(a: Alert): boolean {
    if (a.acknowledgedAt || a.escalatedAt || !a.ackDeadline || a.purpose === 'found') return false;
    if (this.alerts.some((b) => b.rootAlertId === a.rootAlertId && b.acknowledgedAt)) return false;
    if (treeOf(this.alerts, a) === 'deadline') return this.e.state !== 'closed' && this.missedTaskOpen(a);
    return ladderRuns(this.e.state);
  }

  /**
   * Whether the task a deadline alert's tree was sent for is still open: the one of the kind it names that was
   * breached when the tree began. Not any task of that kind: a later one (a second regulation 40 event's) has its own
   * deadline, and must not bring back the chase of a tree whose task was done.
   */
  private missedTaskOpen(a: Alert): boolean {
    const root = this.alerts.find((b) => b.id === a.rootAlertId) ?? a;
    return this.tasks.some((t) => t.kind === root.missed && t.state === 'open' && t.breachedAt?.getTime() === root.requestedAt.getTime());
  }

  ackDue(alertId: string) {
    const a = this.alerts.find((x) => x.id === alertId);
    if (!a || !this.stillLive(a)) return;
    if (this.alerts.some((b) => b.originAlertId === a.originAlertId && b.attempt > a.attempt)) return;
    if (a.purpose === 'chase') {
      // Both alerts of a round share a deadline: the first to fall due starts the next round.
      if (this.alerts.some((b) => b.rootAlertId === a.rootAlertId && b.purpose === 'chase' && b.requestedAt > a.requestedAt)) return;
      return this.chase(a, 'nobody acknowledged the last round');
    }
    if (a.attempt === 1) {
      this.note('re-notified', 'clock', `${a.audience.role} did not acknowledge`);
      this.alert({ ...a, ackWithinSeconds: this.policy.renotifyAckWithinSeconds, attempt: 2, missed: a.missed ?? undefined,
        escalatedFrom: a.escalatedFrom ?? undefined });
      return;
    }
    this.escalate(a, 'did not acknowledge after re-notification');
  }

  gap(alertId: string, gap: DeliveryGap) {
    const a = this.alerts.find((x) => x.id === alertId);
    if (!a) return;
    const role = a.audience.role;
    this.note('gap', 'notifier', gap === 'nobody-on-duty' ? `nobody on duty as ${role}` : `every channel failed for the ${role}`);
    if (a.purpose === 'chase' || !this.stillLive(a)) return;
    this.escalate(a, gap === 'nobody-on-duty' ? 'had nobody on duty' : 'could not be reached');
  }

  channelFailed(f: Extract<EpisodeEvent, { kind: 'channel-failed' }>) {
    const a = this.alerts.find((x) => x.id === f.alertId);
    if (!a) return;
    const channel = (c: Channel) => (c === 'sms' ? 'text message' : 'email');
    this.note('delivery-failed', 'notifier',
      `${channel(f.channel)} to the ${a.audience.role} failed (${f.failure})${f.retryingOn ? `; sending by ${channel(f.retryingOn)}` : ''}`);
  }

  /** Up the chain to the next audience that has not acknowledged; past the top, the chase. Never to nobody. */
  private escalate(a: Alert, why: string) {
    this.patch(this.alerts, (b) => b.originAlertId === a.originAlertId, { escalatedAt: this.now });
    this.effects.push({ kind: 'escalated', alertId: a.id, at: this.now });
    const above = this.chainAbove(a.audience.role).find((x) => !this.hasAcknowledged(x));
    if (!above) return this.chase(a, `${a.audience.role} ${why}, with nobody above left to alert`);
    this.note('escalated', 'clock', `${a.audience.role} ${why} → ${above.role}`);
    this.alert({ purpose: 'escalation', stepKey: a.stepKey, audience: above, ask: 'escalation', escalatedFrom: a.audience.role,
      ackWithinSeconds: this.policy.renotifyAckWithinSeconds, rootAlertId: a.rootAlertId, ...(a.missed ? { missed: a.missed } : {}) });
  }

  /** Past the top of a chain: the top and the out-of-hours team, again every interval until someone acknowledges. */
  private chase(a: Alert, why: string) {
    // A next round re-alerts the last round's audiences; the first takes the top of the silent alert's chain.
    const round = a.purpose === 'chase'
      ? this.alerts.filter((b) => b.rootAlertId === a.rootAlertId && b.purpose === 'chase' && b.requestedAt.getTime() === a.requestedAt.getTime()).map((b) => b.audience)
      : [this.chainAbove(a.audience.role).at(-1) ?? a.audience, this.resolve(this.policy.chase.alsoAlert)!];
    const audiences = round.filter((x, i) => round.findIndex((y) => same(x, y)) === i);
    this.note('chase', 'clock', `${why}: ${audiences.map((x) => x.role).join(' and ')} re-alerted every ${this.policy.chase.everySeconds} s until acknowledged`);
    for (const audience of audiences) {
      this.alert({ purpose: 'chase', stepKey: a.stepKey, audience, ask: 'escalation', escalatedFrom: a.escalatedFrom ?? a.audience.role,
        ackWithinSeconds: this.policy.chase.everySeconds, rootAlertId: a.rootAlertId, ...(a.missed ? { missed: a.missed } : {}) });
    }
  }

  /** Every audience strictly above a role in the ladder's chain of command, nearest first. */
  private chainAbove(role: Role): ResolvedAudience[] {
    const chain = this.policy.ladders[this.e.ladder].chainOfCommand;
    const out: ResolvedAudience[] = [];
    for (let next = chain[role]; next && out.length < 32; next = chain[next.role]) {
      const resolved = this.resolve(next);
      if (resolved) out.push(resolved);
    }
    return out;
  }

  private hasAcknowledged(x: ResolvedAudience): boolean {
    return this.alerts.some((a) => a.acknowledgedAt && same(a.audience, x));
  }

  acknowledged(ev: Extract<EpisodeEvent, { kind: 'acknowledged' }>) {
    const a = this.alerts.find((x) => x.id === ev.alertId);
    if (!a) throw new Refused('unknown-alert', 'No alert with this id on this episode');
    if (this.e.state === 'closed') throw new Refused('episode-closed', 'The episode is closed: there is nothing left to acknowledge');
    if (!a.ackDeadline) throw new Refused('nothing-to-acknowledge', 'This notice asks for no acknowledgement');
    if (ev.caller && !same(ev.caller, a.audience)) throw new Refused('not-your-alert', `This alert is for the ${a.audience.role} of ${a.audience.scopeId}`);
    if (this.alerts.some((b) => b.originAlertId === a.originAlertId && b.acknowledgedAt)) return;
    this.patch(this.alerts, (b) => b.originAlertId === a.originAlertId, { acknowledgedAt: this.now, acknowledgedBy: ev.by });
    this.effects.push({ kind: 'acknowledged', originAlertId: a.originAlertId, by: ev.by, at: this.now, policeReference: ev.policeReference ?? null });
    this.note('acknowledged', ev.by, `${a.audience.role}${ev.policeReference ? `, police reference ${ev.policeReference}` : ''}`);
    if (ev.policeReference && !this.e.policeReference) this.policeInformed(ev.policeReference, this.now);
  }

  private policeInformed(reference: string, at: Date) {
    this.e = { ...this.e, policeReference: reference };
    this.effects.push({ kind: 'police-informed', reference, at });
    this.note('police-reference', 'intake', reference);
  }

  // ── tasks and deadlines (G5, G8) ───────────────────────────────────────────────────────────────────────────────

  openTask(kind: TaskKind, from = this.now, notifiableEvent: NotifiableEvent | null = null, why?: string) {
    const rule = this.policy.tasks[TASK_RULE[kind]];
    const hard = new Date(from.getTime() + rule.dueSeconds * 1000);
    const { dueAt, hardDueAt } = kind === 'strategy-meeting' ? strategyMeetingDue(from, rule.dueSeconds) : { dueAt: hard, hardDueAt: null };
    const task: Task = {
      id: this.newId(), episodeId: this.e.id, kind, state: 'open', dueAt, hardDueAt,
      invitees: 'invitees' in rule ? rule.invitees : [], notifiableEvent, createdAt: this.now, breachedAt: null,
    };
    this.tasks.push(task);
    this.effects.push({ kind: 'task', task }, { kind: 'book', timer: { kind: 'task', taskId: task.id, dueAt: hardDueAt ?? dueAt } });
    this.note('task-created', 'clock', `${kind} due ${dueAt.toISOString()}${why ? `: ${why}` : ''}`);
    this.changed('task-created', task);
  }

  private openTaskOnce(kind: TaskKind, why?: string) {
    if (!this.tasks.some((t) => t.kind === kind)) this.openTask(kind, this.now, null, why);
  }

  /**
   * Whoever must be told of this absence is asked to, once: the NRM competent authority while a referred child is
   * missing, classified M (Home Office NRM guidance), and Ofsted of each kind of regulation 40 event at a children's home, even one
   * that becomes known after the return. Flags only turn on, so what is asked for is never withdrawn.
   */
  notices() {
    // "Missing": an absence classified A (whereabouts known) is not yet; A→M comes back here through `updated`.
    if (this.e.state === 'open' && this.e.classification === 'M' && this.e.flags.nrmReferred) {
      this.openTaskOnce('tell-competent-authority', 'the child is referred to the NRM: the competent authority is told they are missing');
    }
    if (this.e.state === 'closed' || !this.e.flags.childrensHome) return;
    for (const event of regulation40Events(this.e)) {
      if (this.tasks.some((t) => t.kind === 'notify-ofsted' && t.notifiableEvent === event)) continue;
      this.openTask('notify-ofsted', this.now, event, `regulation 40, the children's home notifies Ofsted without delay: ${event}`);
    }
  }

  /** G5: a missed deadline always alerts the roles the policy names, saying what was missed. */
  taskDue(taskId: string) {
    const t = this.tasks.find((x) => x.id === taskId);
    if (!t || t.state !== 'open' || t.breachedAt || this.e.state === 'closed') return;
    this.patch(this.tasks, (x) => x.id === taskId, { breachedAt: this.now });
    this.effects.push({ kind: 'task-breached', taskId, at: this.now });
    this.note('task-breached', 'clock', `${t.kind} not done by ${(t.hardDueAt ?? t.dueAt).toISOString()}`);
    for (const audience of this.policy.tasks[TASK_RULE[t.kind]].ifMissed) {
      const resolved = this.resolve(audience);
      if (resolved) this.alert({ purpose: 'deadline', stepKey: t.kind, audience: resolved, ask: 'deadline-missed', missed: t.kind,
        ackWithinSeconds: this.policy.renotifyAckWithinSeconds });
    }
  }

  taskCompleted(taskId: string, by: string) {
    const t = this.tasks.find((x) => x.id === taskId);
    if (!t) throw new Refused('unknown-task', 'No task with this id on this episode');
    if (t.state === 'done') throw new Refused('task-done', 'This task is already done');
    this.completeTask(t, by);
  }

  private completeTask(t: Task, by: string, outcome?: string) {
    this.patch(this.tasks, (x) => x.id === t.id, { state: 'done' });
    this.effects.push({ kind: 'task-done', taskId: t.id, by, at: this.now, ...(outcome ? { outcome } : {}) });
    this.note('task-completed', by, t.kind);
    this.changed('task-completed', t);
    if (this.e.state === 'returned' && this.tasks.every((x) => x.state === 'done')) {
      this.e = { ...this.e, state: 'closed' };
      this.note('closed', by, 'every follow-up after the return is done');
      this.changed('closed');
    }
  }

  // ── the return (G6) ────────────────────────────────────────────────────────────────────────────────────────────

  returned(returnedAt: Date, safeAndWellChecked: boolean) {
    if (this.e.state !== 'open') return;
    this.e = { ...this.e, state: 'returned', returnedAt };
    this.effects.push({ kind: 'cancel', timers: 'steps-and-acks' });
    this.note('returned', 'intake', 'child located and returned');
    this.changed('returned');
    const first = this.alerts.find((a) => a.purpose === 'step')?.audience ?? this.resolve(this.rungs[0]!.audiences[0]!)!;
    this.alert({ purpose: 'found', stepKey: 'found', audience: first, ask: 'child-found', toEveryoneAlerted: true });
    const tasks: TaskKind[] = ['return-home-interview', 'update-information-pack', 'update-risk-assessment'];
    if (!safeAndWellChecked) tasks.push('safe-and-well-check');
    if (this.e.flags.trafficked) {
      for (const role of ['ictg-service', 'nrm-first-responder'] as const) {
        this.alert({ purpose: 'found', stepKey: 'found', audience: this.resolve({ role, scope: 'council' })!, ask: 'child-found' });
      }
      tasks.push('inform-ictg-and-nrm');
    }
    for (const kind of tasks) this.openTask(kind, kind === 'return-home-interview' ? returnedAt : this.now);
  }

  /** Replaces matching items with changed copies, leaving the caller's record untouched. */
  private patch<T>(items: T[], match: (x: T) => boolean, changes: Partial<T>) {
    items.forEach((x, i) => {
      if (match(x)) items[i] = { ...x, ...changes };
    });
  }

  // ── records ────────────────────────────────────────────────────────────────────────────────────────────────────

  note(what: string, who: string, why: string) {
    this.effects.push({ kind: 'timeline', what, who, why });
  }

  changed(change: Change, task?: Task) {
    this.effects.push({ kind: 'changed', change, ...(task ? { task: { taskId: task.id, taskKind: task.kind } } : {}) });
  }
}

const same = (a: ResolvedAudience, b: ResolvedAudience) => a.role === b.role && a.scopeKind === b.scopeKind && a.scopeId === b.scopeId;
