import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** Someone who can be alerted: their role and the scope (home, council or police force) they hold it in. */
@Entity({ name: 'person' })
@Index('person_role_scope', ['role', 'scopeKind', 'scopeId'])
export class PersonRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'scope_kind', type: 'text' }) scopeKind!: string;
  @Column({ name: 'scope_id', type: 'text' }) scopeId!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** Holds the role whenever no rota shift covers the moment. */
  @Column({ name: 'default_holder', type: 'boolean', default: false }) defaultHolder!: boolean;
}

/** Who holds a role in a scope, and when: the duty rota. */
@Entity({ name: 'rota_shift' })
@Index('rota_lookup', ['role', 'scopeKind', 'scopeId', 'startsAt'])
export class RotaShiftRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'scope_kind', type: 'text' }) scopeKind!: string;
  @Column({ name: 'scope_id', type: 'text' }) scopeId!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
}

/** The alert as requested, kept so deliveries can be (re)sent from ids alone. */
@Entity({ name: 'alert' })
export class AlertRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'episode_id', type: 'uuid' }) episodeId!: string;
  @Column({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ type: 'jsonb' }) request!: Record<string, unknown>;
}

/** One alert to one recipient over one channel. The unique key is what makes "never twice" hold. */
@Entity({ name: 'delivery' })
@Unique('delivery_once', ['alertId', 'recipientId', 'channel'])
@Index('delivery_pending', ['state'])
export class DeliveryRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'alert_id', type: 'uuid' }) alertId!: string;
  @Column({ name: 'recipient_id', type: 'uuid' }) recipientId!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ type: 'text' }) state!: string;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'message_id', type: 'text' }) messageId!: string;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  /** Set by the first POST of the signed link: the link is single-use. */
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
}

export const NOTIFIER_ENTITIES = [PersonRow, RotaShiftRow, AlertRow, DeliveryRow];
