import type { IctgStatus, TraffickingStatus } from '@safeguard/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Child } from '../domain/child.js';

@Entity({ name: 'council' })
export class CouncilRow {
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
}

@Entity({ name: 'police_force' })
export class PoliceForceRow {
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
}

@Entity({ name: 'home' })
export class HomeRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'council_code', type: 'text' }) councilCode!: string;
  @Column({ name: 'police_force_code', type: 'text' }) policeForceCode!: string;
  /** The number the police and the council call at the home. */
  @Column({ type: 'text', nullable: true }) phone!: string | null;
}

/** A child in care: identity (personal data, stays here) and the risk-relevant profile (codes, published). */
@Entity({ name: 'child' })
@Index('child_home', ['homeId'])
// One child per council identifier, whatever its case or spacing (the DfE reads CHILD upper-cased): an expression
// index, written by its migration, that TypeORM cannot describe.
@Index('child_la_child_id_any_case', { synchronize: false })
export class ChildRow implements Child {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'home_id', type: 'uuid' }) homeId!: string;
  @Column({ name: 'given_name', type: 'text' }) givenName!: string;
  @Column({ name: 'family_name', type: 'text' }) familyName!: string;
  @Column({ name: 'date_of_birth', type: 'date' }) dateOfBirth!: string;
  @Column({ name: 'placing_council', type: 'text' }) placingCouncil!: string;
  @Column({ name: 'host_council', type: 'text' }) hostCouncil!: string;
  @Column({ name: 'placement_start', type: 'date' }) placementStart!: string;
  @Column({ type: 'text' }) accommodation!: string;
  @Column({ name: 'age_assessment', type: 'text' }) ageAssessment!: string;
  @Column({ name: 'trafficking_status', type: 'text' }) traffickingStatus!: TraffickingStatus;
  @Column({ name: 'trafficking_since', type: 'date', nullable: true }) traffickingSince!: string | null;
  @Column({ name: 'nrm_referred_on', type: 'date', nullable: true }) nrmReferredOn!: string | null;
  @Column({ name: 'reasonable_grounds_on', type: 'date', nullable: true }) reasonableGroundsOn!: string | null;
  @Column({ name: 'conclusive_grounds_on', type: 'date', nullable: true }) conclusiveGroundsOn!: string | null;
  @Column({ name: 'ictg_status', type: 'text', default: 'not-referred' }) ictgStatus!: IctgStatus;
  @Column({ name: 'ictg_referred_on', type: 'date', nullable: true }) ictgReferredOn!: string | null;
  @Column({ name: 'ictg_contact', type: 'text', nullable: true }) ictgContact!: string | null;
  @Column({ type: 'boolean' }) uasc!: boolean;
  @Column({ type: 'boolean' }) separated!: boolean;
  @Column({ name: 'arrival_date', type: 'date', nullable: true }) arrivalDate!: string | null;
  @Column({ type: 'text', array: true }) concerns!: string[];
  @Column({ name: 'profile_version', type: 'int' }) profileVersion!: number;
  @Column({ name: 'legal_status', type: 'text', default: 'other' }) legalStatus!: string;
  /** The council's own child identifier (SSDA903 CHILD). */
  @Column({ name: 'la_child_id', type: 'text', nullable: true }) laChildId!: string | null;
  /** Contacts, medical and communication needs, languages: personal data, never published. */
  @Column({ type: 'jsonb', default: () => `'{}'` }) details!: Record<string, unknown>;
}

/** Each placement of a child (the SSDA903 Episodes table's DECOM and DEC), kept as the child's home changes. */
@Entity({ name: 'placement' })
@Index('placement_child', ['childId', 'startedOn'])
export class PlacementRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ name: 'home_id', type: 'uuid' }) homeId!: string;
  @Column({ name: 'started_on', type: 'date' }) startedOn!: string;
  @Column({ name: 'ended_on', type: 'date', nullable: true }) endedOn!: string | null;
  /** Why the child ceased to be looked after when this placement ended (SSDA903 REC); null for a move or while it lasts. */
  @Column({ name: 'ceased_reason', type: 'text', nullable: true }) ceasedReason!: string | null;
}

/** Part 1 of the police information pack (Philomena), with the photograph kept apart from the JSON. */
@Entity({ name: 'information_pack' })
export class InformationPackRow {
  @PrimaryColumn({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ type: 'jsonb' }) part1!: Record<string, unknown>;
  @Column({ type: 'bytea', nullable: true }) photo!: Buffer | null;
  @Column({ name: 'photo_type', type: 'text', nullable: true }) photoType!: string | null;
  @Column({ name: 'photo_taken_on', type: 'date', nullable: true }) photoTakenOn!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy!: string;
}

/** Every write, and every read of a child's personal data: who, in what role, when, for which child and episode. */
@Entity({ name: 'audit_log' })
@Index('audit_child', ['childId', 'at'])
export class AuditRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) actor!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'child_id', type: 'uuid', nullable: true }) childId!: string | null;
  @Column({ name: 'episode_id', type: 'uuid', nullable: true }) episodeId!: string | null;
}

/** One absence (a missing episode as intake knows it). Part 2 facts are personal data and never leave intake. */
@Entity({ name: 'absence' })
@Index('absence_one_open_per_child', ['childId'], { unique: true, where: `state = 'open'` })
export class AbsenceRow {
  @PrimaryColumn({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  @Column({ type: 'text', unique: true }) reference!: string;
  @Column({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ name: 'home_id', type: 'uuid' }) homeId!: string;
  @Column({ type: 'text' }) state!: string;
  @Column({ type: 'char', length: 1 }) classification!: string;
  @Column({ name: 'last_seen_at', type: 'timestamptz' }) lastSeenAt!: Date;
  @Column({ name: 'last_seen_where', type: 'text' }) lastSeenWhere!: string;
  @Column({ name: 'last_seen_by', type: 'text' }) lastSeenBy!: string;
  @Column({ name: 'discovered_at', type: 'timestamptz' }) discoveredAt!: Date;
  @Column({ name: 'reported_at', type: 'timestamptz' }) reportedAt!: Date;
  @Column({ name: 'reported_by', type: 'text' }) reportedBy!: string;
  @Column({ type: 'text', array: true }) circumstances!: string[];
  /** Regulation 40 events recorded on the episode (NotifiableEvent codes), each once. */
  @Column({ name: 'notifiable_events', type: 'text', array: true, default: () => `'{}'` }) notifiableEvents!: string[];
  @Column({ type: 'jsonb' }) facts!: Record<string, string>;
  /** When the report was last added to (the report itself, then each update). */
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'police_reference', type: 'text', nullable: true }) policeReference!: string | null;
  @Column({ name: 'police_grade', type: 'text', nullable: true }) policeGrade!: string | null;
  @Column({ name: 'located_at', type: 'timestamptz', nullable: true }) locatedAt!: Date | null;
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true }) returnedAt!: Date | null;
  /** Where, by whom, how, and the safe-and-well check: personal data, stays here. */
  @Column({ name: 'return_details', type: 'jsonb', nullable: true }) returnDetails!: Record<string, unknown> | null;
}

/**
 * A caller's Idempotency-Key, bound to the fingerprint of the request it first came with (SHA-256 of the parsed body and
 * the caller) and the episode that request created, until `expires_at` (24 hours later; see domain/idempotency.ts).
 */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKeyRow {
  @PrimaryColumn({ name: 'caller', type: 'text' }) caller!: string;
  @PrimaryColumn({ name: 'key', type: 'text' }) key!: string;
  @Column({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'text' }) fingerprint!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
}

/** A one-off job that has run to the end (e.g. erasing a retired topic's records), so it never runs again. */
@Entity({ name: 'one_off_job' })
export class OneOffJobRow {
  @PrimaryColumn({ type: 'text' }) name!: string;
  @Column({ name: 'done_at', type: 'timestamptz' }) doneAt!: Date;
  /** How many children it covered (ids and counts only). */
  @Column({ type: 'int' }) items!: number;
}

export const INTAKE_ENTITIES = [
  CouncilRow, PoliceForceRow, HomeRow, ChildRow, PlacementRow, AbsenceRow, IdempotencyKeyRow, InformationPackRow, AuditRow, OneOffJobRow,
];
