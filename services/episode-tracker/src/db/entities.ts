import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'episode' })
@Index('episode_state', ['state'])
@Index('episode_child', ['childId', 'discoveredAt'])
@Index('episode_council_discovered', ['placingCouncil', 'discoveredAt'])
export class EpisodeRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', unique: true }) reference!: string;
  @Column({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ name: 'home_id', type: 'uuid' }) homeId!: string;
  @Column({ name: 'placing_council', type: 'text' }) placingCouncil!: string;
  @Column({ name: 'police_force', type: 'text' }) policeForce!: string;
  @Column({ type: 'char', length: 1 }) classification!: string;
  @Column({ type: 'text' }) state!: string;
  @Column({ type: 'text', nullable: true }) level!: string | null;
  @Column({ type: 'text', nullable: true }) ladder!: string | null;
  @Column({ type: 'boolean', default: false }) trafficked!: boolean;
  @Column({ name: 'uasc_or_separated', type: 'boolean', default: false }) uascOrSeparated!: boolean;
  @Column({ name: 'police_reference', type: 'text', nullable: true }) policeReference!: string | null;
  @Column({ type: 'jsonb', default: () => `'[]'` }) factors!: { code: string; points: number }[];
  @Column({ type: 'text', array: true, default: () => `'{}'` }) overrides!: string[];
  /** The escalation policy in force when the episode opened; later policy edits do not change it. */
  @Column({ type: 'jsonb', nullable: true }) policy!: Record<string, unknown> | null;
  @Column({ name: 'discovered_at', type: 'timestamptz' }) discoveredAt!: Date;
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true }) openedAt!: Date | null;
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true }) returnedAt!: Date | null;
  /** When staff reported the absence (the start of report-to-alert latency). */
  @Column({ name: 'reported_at', type: 'timestamptz', nullable: true }) reportedAt!: Date | null;
  /** When a police reference was first recorded: the police had been told. */
  @Column({ name: 'police_informed_at', type: 'timestamptz', nullable: true }) policeInformedAt!: Date | null;
}

/** An alert asked of an audience (role + scope). The tracker is the single owner of acknowledgement state. */
@Entity({ name: 'alert' })
@Index('alert_episode', ['episodeId'])
export class AlertRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  /** The first alert of a re-notified chain; acknowledging any of the chain acknowledges all. */
  @Column({ name: 'origin_alert_id', type: 'uuid' }) originAlertId!: string;
  @Column({ name: 'rung_key', type: 'text' }) rungKey!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'scope_kind', type: 'text' }) scopeKind!: string;
  @Column({ name: 'scope_id', type: 'text' }) scopeId!: string;
  @Column({ type: 'text' }) ask!: string;
  @Column({ type: 'text' }) level!: string;
  @Column({ type: 'int' }) attempt!: number;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  @Column({ name: 'ack_deadline', type: 'timestamptz', nullable: true }) ackDeadline!: Date | null;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
  @Column({ name: 'acknowledged_by', type: 'text', nullable: true }) acknowledgedBy!: string | null;
  @Column({ name: 'police_reference', type: 'text', nullable: true }) policeReference!: string | null;
  @Column({ name: 'delivery_state', type: 'text', default: 'requested' }) deliveryState!: string;
  @Column({ name: 'delivered_count', type: 'int', default: 0 }) deliveredCount!: number;
  /** When a channel first accepted it for a recipient. */
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true }) escalatedAt!: Date | null;
}

/** Which rungs of an episode's ladder have fired (each fires once). */
@Entity({ name: 'rung_fired' })
export class RungFiredRow {
  @PrimaryColumn({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  @PrimaryColumn({ name: 'rung_key', type: 'text' }) rungKey!: string;
  @Column({ name: 'fired_at', type: 'timestamptz' }) firedAt!: Date;
}

/** Statutory follow-ups with their deadlines: strategy meeting, NRM referral, return interview, repeat meeting. */
@Entity({ name: 'task' })
@Index('task_open_due', ['dueAt'], { where: `state = 'open'` })
@Index('task_episode', ['episodeId'])
export class TaskRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  @Column({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) state!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'hard_due_at', type: 'timestamptz', nullable: true }) hardDueAt!: Date | null;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) invitees!: string[];
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ type: 'boolean', default: false }) refused!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'completed_by', type: 'text', nullable: true }) completedBy!: string | null;
  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true }) breachedAt!: Date | null;
}

/** Every transition, escalation, acknowledgement and task, with who and why. */
@Entity({ name: 'timeline_entry' })
@Index('timeline_episode', ['episodeId', 'at'])
export class TimelineRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) what!: string;
  @Column({ type: 'text' }) who!: string;
  @Column({ type: 'text' }) why!: string;
}

/** An assessment that overtook its report (the topics are not ordered with each other); applied when the report lands. */
@Entity({ name: 'parked_assessment' })
export class ParkedAssessmentRow {
  @PrimaryColumn({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  @Column({ type: 'jsonb' }) assessment!: Record<string, unknown>;
  @Column({ name: 'parked_at', type: 'timestamptz' }) parkedAt!: Date;
}

export const TRACKER_ENTITIES = [EpisodeRow, AlertRow, RungFiredRow, TaskRow, TimelineRow, ParkedAssessmentRow];
