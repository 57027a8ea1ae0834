import type { TaskKind } from '@safeguard/contracts';
import type { Alert, EpisodeRecord, Task } from './episode.js';

/** A wake-up the clock must hold: a ladder step, an acknowledgement deadline, a task deadline. */
export type Timer =
  | { kind: 'step'; stepKey: string; dueAt: Date }
  | { kind: 'ack'; alertId: string; tree: 'ladder' | 'deadline'; dueAt: Date }
  | { kind: 'task'; taskId: string; dueAt: Date };

/** A task's deadline, by which a task done cancels it. */
export const taskTimerKey = (taskId: string): string => `task:${taskId}`;
/** A timer's id within its episode: kind, and for an acknowledgement its tree, so a return cancels only the ladder's. */
export const timerKey = (t: Timer): string =>
  (t.kind === 'step' ? `rung:${t.stepKey}` : t.kind === 'ack' ? `ack:${t.tree}:${t.alertId}` : taskTimerKey(t.taskId));

export type Change =
  | 'opened' | 'escalated' | 'ladder-changed' | 'reclassified' | 'task-created' | 'task-completed' | 'returned' | 'closed';

/** What a transition asks the world to do; the application writes them all in one transaction. */
export type Effect =
  | { kind: 'alert'; alert: Alert }
  | { kind: 'acknowledged'; originAlertId: string; by: string; at: Date; policeReference: string | null }
  | { kind: 'escalated'; alertId: string; at: Date }
  | { kind: 'police-informed'; reference: string; at: Date }
  | { kind: 'book'; timer: Timer }
  /** Cancels the episode's pending ladder steps, and on return the ladder's acknowledgement chases too (not missed deadlines'). */
  | { kind: 'cancel'; timers: 'steps' | 'steps-and-acks' }
  | { kind: 'task'; task: Task }
  | { kind: 'task-breached'; taskId: string; at: Date }
  /** With an outcome when the engine closes a task itself (a referral recorded on the profile). */
  | { kind: 'task-done'; taskId: string; by: string; at: Date; outcome?: string }
  | { kind: 'timeline'; what: string; who: string; why: string }
  | { kind: 'changed'; change: Change; task?: { taskId: string; taskKind: TaskKind } };

/** The outcome of one event: the episode as it now stands, and what must happen. */
export interface Decision {
  record: EpisodeRecord;
  effects: Effect[];
}

/** Why a command was refused; nothing is written. */
export type RefusalReason =
  | 'unknown-alert' | 'episode-closed' | 'nothing-to-acknowledge' | 'not-your-alert' | 'unknown-task' | 'task-done';

export class Refused extends Error {
  constructor(readonly reason: RefusalReason, message: string) {
    super(message);
  }
}

/** Where new ids come from: random in the service, a counter in the property tests. */
export type NewId = () => string;
