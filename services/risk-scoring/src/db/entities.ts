import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Latest risk-relevant profile per child, projected from intake.child-profile.v2 (v1 while its backlog is read). */
@Entity({ name: 'child_profile' })
export class ChildProfileRow {
  @PrimaryColumn({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ name: 'profile_version', type: 'int' }) profileVersion!: number;
  @Column({ type: 'jsonb' }) profile!: Record<string, unknown>;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
}

/** Episodes as scoring sees them: the inputs to an assessment and the child's history. */
@Entity({ name: 'episode' })
@Index('episode_child', ['childId', 'discoveredAt'])
export class EpisodeRow {
  @PrimaryColumn({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  @Column({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ name: 'home_id', type: 'uuid' }) homeId!: string;
  @Column({ name: 'placing_council', type: 'text' }) placingCouncil!: string;
  @Column({ name: 'police_force', type: 'text' }) policeForce!: string;
  @Column({ type: 'char', length: 1 }) classification!: string;
  @Column({ type: 'text', array: true }) circumstances!: string[];
  @Column({ name: 'discovered_at', type: 'timestamptz' }) discoveredAt!: Date;
  /** Whole years on the UK day of discovery (reports v2); null for a v1 report. */
  @Column({ name: 'age_at_discovery', type: 'int', nullable: true }) ageAtDiscovery!: number | null;
  @Column({ name: 'police_grade', type: 'text', nullable: true }) policeGrade!: string | null;
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true }) returnedAt!: Date | null;
  @Column({ type: 'boolean', default: false }) harm!: boolean;
  @Column({ name: 'input_event_ids', type: 'uuid', array: true }) inputEventIds!: string[];
  /** Set while the report waits for the child's profile (the topics are not ordered with each other). */
  @Column({ name: 'awaiting_profile_version', type: 'int', nullable: true }) awaitingProfileVersion!: number | null;
}

/** Every assessment, with its factors and ruleset version, so any level can be explained later. */
@Entity({ name: 'assessment' })
@Index('assessment_episode', ['episodeId', 'assessedAt'])
export class AssessmentRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  @Column({ type: 'text' }) level!: string;
  @Column({ type: 'int' }) score!: number;
  @Column({ type: 'jsonb' }) factors!: { code: string; points: number }[];
  @Column({ type: 'text', array: true }) overrides!: string[];
  @Column({ name: 'police_grade', type: 'text', nullable: true }) policeGrade!: string | null;
  @Column({ name: 'ruleset_version', type: 'text' }) rulesetVersion!: string;
  @Column({ name: 'input_event_ids', type: 'uuid', array: true }) inputEventIds!: string[];
  @Column({ type: 'text' }) trigger!: string;
  @Column({ name: 'assessed_at', type: 'timestamptz' }) assessedAt!: Date;
}

export const RISK_ENTITIES = [ChildProfileRow, EpisodeRow, AssessmentRow];
