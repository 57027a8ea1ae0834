import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';

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
  /** The council the child lives in when placed out of area: its roles see the episode and its out-of-hours team is alerted. */
  @Column({ name: 'host_council', type: 'text', nullable: true }) hostCouncil!: string | null;
  @Column({ name: 'police_force', type: 'text' }) policeForce!: string;
  @Column({ type: 'char', length: 1 }) classification!: string;
  @Column({ type: 'text' }) state!: string;
  @Column({ type: 'text', nullable: true }) level!: string | null;
  @Column({ type: 'text', nullable: true }) ladder!: string | null;
  @Column({ type: 'boolean', default: false }) trafficked!: boolean;
  @Column({ name: 'uasc_or_separated', type: 'boolean', default: false }) uascOrSeparated!: boolean;
  @Column({ name: 'under_13', type: 'boolean', default: false }) under13!: boolean;
  @Column({ name: 'nrm_referred', type: 'boolean', default: false }) nrmReferred!: boolean;
  /** Lives in a children's home: regulation 40 notifications to Ofsted apply. */
  @Column({ name: 'childrens_home', type: 'boolean', default: false }) childrensHome!: boolean;
  @Column({ name: 'sexual_exploitation', type: 'boolean', default: false }) sexualExploitation!: boolean;
  /** Regulation 40 events reported during the episode (codes), each kind once. */
  @Column({ name: 'notifiable_events', type: 'text', array: true, default: () => `'{}'` }) notifiableEvents!: string[];
  /** True until risk-scoring answers: the level came from the profile's flags. */
  @Column({ type: 'boolean', default: false }) provisional!: boolean;
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
  /** The alert that started its escalation tree; once anyone in the tree acknowledges, the tree stops. */
  @Column({ name: 'root_alert_id', type: 'uuid', nullable: true }) rootAlertId!: string | null;
  /** step, escalation, chase, deadline or found. */
  @Column({ type: 'text', default: 'step' }) purpose!: string;
  /** The ladder step (rung key, "@n" for a repeat) or the task kind of a missed deadline. */
  @Column({ name: 'rung_key', type: 'text' }) rungKey!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'scope_kind', type: 'text' }) scopeKind!: string;
  @Column({ name: 'scope_id', type: 'text' }) scopeId!: string;
  @Column({ type: 'text' }) ask!: string;
  @Column({ name: 'escalated_from', type: 'text', nullable: true }) escalatedFrom!: string | null;
  @Column({ type: 'text', nullable: true }) missed!: string | null;
  @Column({ name: 'to_everyone_alerted', type: 'boolean', default: false }) toEveryoneAlerted!: boolean;
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
  /** The regulation 40 event a notify-ofsted task is for; null for every other kind. */
  @Column({ name: 'notifiable_event', type: 'text', nullable: true }) notifiableEvent!: string | null;
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
  /** Insertion order: entries written in one instant read back in the order they happened. */
  @Column({ type: 'bigint' }) @Generated('increment') seq!: string;
  @Column({ type: 'text' }) what!: string;
  @Column({ type: 'text' }) who!: string;
  @Column({ type: 'text' }) why!: string;
}

/** An event that overtook its report (the topics are not ordered with each other); applied when the report lands. */
@Entity({ name: 'parked_event' })
@Index('parked_event_episode', ['episodeId'])
export class ParkedEventRow {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  /** assessed, updated or returned. */
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'jsonb' }) data!: Record<string, unknown>;
  @Column({ name: 'parked_at', type: 'timestamptz' }) parkedAt!: Date;
}

/** What the tracker needs of a child's profile to open an episode before scoring answers (codes only). */
@Entity({ name: 'child_profile' })
export class ChildProfileRow {
  @PrimaryColumn({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ name: 'profile_version', type: 'int' }) profileVersion!: number;
  @Column({ type: 'boolean' }) trafficked!: boolean;
  @Column({ name: 'uasc_or_separated', type: 'boolean' }) uascOrSeparated!: boolean;
  @Column({ name: 'nrm_referred', type: 'boolean' }) nrmReferred!: boolean;
  /** Of the profile's concerns, the one the tracker acts on (regulation 40). */
  @Column({ name: 'sexual_exploitation', type: 'boolean', default: false }) sexualExploitation!: boolean;
  /** The accommodation's code; null for a profile kept before the tracker stored it. */
  @Column({ type: 'text', nullable: true }) accommodation!: string | null;
  /**
   * Kept instead of the date of birth, and only from a retired v1 profile (the reports it goes with had no age); null
   * from v2, whose reports carry the age at discovery.
   */
  @Column({ name: 'thirteenth_birthday', type: 'date', nullable: true }) thirteenthBirthday!: string | null;
  @Column({ name: 'host_council', type: 'text' }) hostCouncil!: string;
}

export const TRACKER_ENTITIES = [EpisodeRow, AlertRow, TaskRow, TimelineRow, ParkedEventRow, ChildProfileRow];
