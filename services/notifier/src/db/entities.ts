import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** Someone who can be alerted: their role and the scope (home, council or police force) they hold it in. */
@Entity({ name: 'person' })
@Index('person_role_scope', ['role', 'scopeKind', 'scopeId'])
@Index('person_council', ['council'])
export class PersonRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) email!: string;
  /** A UK mobile in E.164 (+447…), for text messages; null when the person has none. */
  @Column({ type: 'text', nullable: true }) mobile!: string | null;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'scope_kind', type: 'text' }) scopeKind!: string;
  @Column({ name: 'scope_id', type: 'text' }) scopeId!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** Holds the role whenever no rota shift covers the moment. */
  @Column({ name: 'default_holder', type: 'boolean', default: false }) defaultHolder!: boolean;
  /**
   * The council whose directory lists the person: only its administrators see or change them (a police officer or a
   * home's staff are listed by the council that works with them). Null until a council takes the entry on.
   */
  @Column({ type: 'text', nullable: true }) council!: string | null;
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

/**
 * One alert to one recipient over one channel (email or sms). The unique key is what makes "never twice" hold.
 * State: pending → sent (the provider accepted it; receipts to come) → delivered, or failed with the failure.
 */
@Entity({ name: 'delivery' })
@Unique('delivery_once', ['alertId', 'recipientId', 'channel'])
@Index('delivery_pending', ['state'])
@Index('delivery_provider', ['providerId'])
@Index('delivery_reply_code', ['address', 'replyCode'])
export class DeliveryRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'alert_id', type: 'uuid' }) alertId!: string;
  @Column({ name: 'recipient_id', type: 'uuid' }) recipientId!: string;
  @Column({ type: 'text' }) channel!: string;
  /** Where it was sent (the email address or mobile number at the time): a reply is matched to the phone that got the text. */
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ type: 'text' }) state!: string;
  @Column({ type: 'text', nullable: true }) failure!: string | null;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  /** The provider's id for the message (GOV.UK Notify's notification id), matched by its delivery receipts. */
  @Column({ name: 'provider_id', type: 'text', nullable: true }) providerId!: string | null;
  /** For a text message: the 4-digit code a reply acknowledges with ("ACK 4821"). */
  @Column({ name: 'reply_code', type: 'text', nullable: true }) replyCode!: string | null;
  /** When the link and the reply code stop working: the acknowledgement deadline plus a margin. */
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  /** Set by the first POST of the signed link: the link is single-use. */
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
}

/** A text message received in reply (GOV.UK Notify's callback), kept by id so a re-posted callback changes nothing. */
@Entity({ name: 'received_text' })
@Index('received_text_source', ['source', 'receivedAt'])
export class ReceivedTextRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** The sender's number (E.164): wrong codes from one number are limited. */
  @Column({ type: 'text', nullable: true }) source!: string | null;
  @Column({ type: 'text' }) outcome!: string;
  @Column({ name: 'delivery_id', type: 'uuid', nullable: true }) deliveryId!: string | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
}

/**
 * A text's reply code, held for its number until a day past the text's expiry (so a late reply to an old alert never
 * lands on a new one). The key makes a code one number's once at a time: alerts taking codes for one phone need no
 * lock per phone; two that pick the same code at once queue on the key, and the second is refused. A reservation
 * past its hold is taken over in place.
 */
@Entity({ name: 'reply_code' })
export class ReplyCodeRow {
  /** The mobile number (E.164) the text went to. */
  @PrimaryColumn({ type: 'text' }) address!: string;
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ name: 'delivery_id', type: 'uuid' }) deliveryId!: string;
  @Column({ name: 'held_until', type: 'timestamptz' }) heldUntil!: Date;
}

export const NOTIFIER_ENTITIES = [PersonRow, RotaShiftRow, AlertRow, DeliveryRow, ReceivedTextRow, ReplyCodeRow];
