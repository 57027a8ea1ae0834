import { timerKey as timerId, type Decision, type Timer } from './effects.js';
import { decide, open, type EpisodeEvent, type Report } from './engine.js';
import type { EpisodeRecord } from './episode.js';
import type { Policy } from './policy.js';


/** One transition as the simulator saw it. */
export interface Step {
  before: EpisodeRecord | null;
  event: EpisodeEvent | { kind: 'reported' };
  decision: Decision;
  now: Date;
}

/**
 * The engine driven the way the service drives it, with a simulated durable clock: booked timers fire in due order
 * as time advances. Used by the property tests; no I/O, no real time.
 */
export class EngineSim {
  record!: EpisodeRecord;
  readonly timers = new Map<string, Timer>();
  readonly history: Step[] = [];
  now: Date;
  private ids = 0;
  private readonly newId = () => `00000000-0000-4000-8000-${String(++this.ids).padStart(12, '0')}`;

  constructor(report: Report, readonly policy: Policy, private readonly observe: (step: Step, sim: EngineSim) => void = () => undefined) {
    this.now = report.reportedAt;
    this.absorb(null, { kind: 'reported' }, open(report, policy, this.now, this.newId));
  }

  get episode() {
    return this.record.episode;
  }

  send(event: EpisodeEvent): Decision {
    return this.absorb(this.record, event, decide(this.record, event, this.now, this.newId));
  }

  /** Moves the clock on, firing every timer that falls due on the way, in order. */
  advance(ms: number) {
    const until = this.now.getTime() + ms;
    for (;;) {
      const next = [...this.timers.values()].filter((t) => t.dueAt.getTime() <= until).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
      if (!next) break;
      this.timers.delete(timerId(next));
      this.now = new Date(Math.max(this.now.getTime(), next.dueAt.getTime()));
      this.send(next.kind === 'step' ? { kind: 'step-due', stepKey: next.stepKey }
        : next.kind === 'ack' ? { kind: 'ack-due', alertId: next.alertId } : { kind: 'task-due', taskId: next.taskId });
    }
    this.now = new Date(until);
  }

  /** The next timer of a kind, if any. */
  nextTimer(kind: Timer['kind']): Timer | undefined {
    return [...this.timers.values()].filter((t) => t.kind === kind).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  }

  private absorb(before: EpisodeRecord | null, event: Step['event'], decision: Decision): Decision {
    for (const fx of decision.effects) {
      if (fx.kind === 'book') this.timers.set(timerId(fx.timer), fx.timer);
      if (fx.kind === 'cancel') {
        for (const [id, t] of this.timers) if (t.kind === 'step' || (fx.timers === 'steps-and-acks' && t.kind === 'ack' && t.tree === 'ladder')) this.timers.delete(id);
      }
    }
    this.record = decision.record;
    const step = { before, event, decision, now: this.now };
    this.history.push(step);
    this.observe(step, this);
    return decision;
  }
}
