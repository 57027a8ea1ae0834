import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Events a consumer has already applied; written in the same transaction as the effect. */
@Entity({ name: 'inbox' })
@Index('inbox_processed_at', ['processedAt'])
export class ProcessedEvent {
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
