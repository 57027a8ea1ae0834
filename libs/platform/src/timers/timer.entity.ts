import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A durable timer: PostgreSQL holds it; BullMQ delayed jobs only wake the worker when it falls due. */
@Entity({ name: 'timer' })
@Index('timer_pending_due', ['dueAt'], { where: `state = 'pending'` })
// Settled timers by when they settled (retention.ts): an expression index, written by its migration.
@Index('timer_settled', { synchronize: false })
export class TimerRow {
  /** Byte-ordered ("C"), so cancelling by id prefix (all timers of an episode) uses the primary key index. */
  @PrimaryColumn({ type: 'text', collation: 'C' }) id!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'text' }) state!: string;
  /** Changes whenever the timer is (re)scheduled, so a stale wake-up cannot fire it. */
  @Column({ type: 'uuid' }) token!: string;
  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true }) firedAt!: Date | null;
  /** When it fired or was cancelled; retention deletes a settled timer one window after this. */
  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true }) settledAt!: Date | null;
}
