import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'episode' })
@Index('episode_state', ['state'])
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
  @Column({ type: 'char', length: 1, nullable: true }) ladder!: string | null;
  @Column({ name: 'discovered_at', type: 'timestamptz' }) discoveredAt!: Date;
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true }) openedAt!: Date | null;
}

/** An alert asked of an audience (role + scope); ack state lives here and only here. */
@Entity({ name: 'alert' })
@Index('alert_episode', ['episodeId'])
export class AlertRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'scope_kind', type: 'text' }) scopeKind!: string;
  @Column({ name: 'scope_id', type: 'text' }) scopeId!: string;
  @Column({ type: 'int' }) rung!: number;
  @Column({ type: 'text' }) ask!: string;
  @Column({ type: 'text' }) level!: string;
  @Column({ type: 'int' }) attempt!: number;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  @Column({ name: 'ack_deadline', type: 'timestamptz', nullable: true }) ackDeadline!: Date | null;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
  @Column({ name: 'acknowledged_by', type: 'text', nullable: true }) acknowledgedBy!: string | null;
  @Column({ name: 'police_reference', type: 'text', nullable: true }) policeReference!: string | null;
}

/** Every transition and escalation, with who and why. */
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

export const TRACKER_ENTITIES = [EpisodeRow, AlertRow, TimelineRow];
