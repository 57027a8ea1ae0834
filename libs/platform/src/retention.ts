import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { BaseConfig } from './config.js';
import { retentionDeleted } from './metrics.js';

/** At most this many rows per statement, so a long backlog is deleted in short transactions beside the live work. */
const SLICE = 5_000;

/**
 * What the machinery keeps only for a while: inbox claims, published outbox rows and settled timers. Each delete walks
 * an index (inbox and timer by time, the outbox by id) one bounded slice at a time. Every replica may run it: a
 * delete is idempotent. The business record (children, episodes, alerts, deliveries, the audit) is never touched here.
 */
const RULES: { table: string; keep: keyof Pick<BaseConfig, 'INBOX_KEEP_SECONDS' | 'OUTBOX_KEEP_SECONDS' | 'TIMER_KEEP_SECONDS'>; sql: string }[] = [
  {
    table: 'inbox', keep: 'INBOX_KEEP_SECONDS',
    sql: `DELETE FROM inbox WHERE ctid = ANY(ARRAY(SELECT ctid FROM inbox WHERE processed_at < now() - make_interval(secs => $1) LIMIT ${SLICE}))`,
  },
  {
    table: 'outbox', keep: 'OUTBOX_KEEP_SECONDS',
    sql: `WITH oldest AS (SELECT id, published_at FROM outbox ORDER BY id LIMIT ${SLICE})
          DELETE FROM outbox o USING oldest WHERE o.id = oldest.id AND oldest.published_at < now() - make_interval(secs => $1)`,
  },
  {
    table: 'timer', keep: 'TIMER_KEEP_SECONDS',
    sql: `DELETE FROM timer WHERE ctid = ANY(ARRAY(SELECT ctid FROM timer WHERE state <> 'pending'
            AND coalesce(settled_at, fired_at, due_at) < now() - make_interval(secs => $1) LIMIT ${SLICE}))`,
  },
];

export class Retention {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly dataSource: DataSource, private readonly config: BaseConfig, private readonly logger: Logger) {}

  start(): void {
    this.timer = setInterval(() => void (this.running ??= this.prune().finally(() => (this.running = undefined))), this.config.RETENTION_EVERY_SECONDS * 1000);
  }

  /** Deletes every row past its window, slice by slice; returns how many per table. */
  async prune(): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const rule of RULES) {
      try {
        // Until a slice deletes nothing: an outbox slice holding a row still to publish deletes fewer than it reads.
        for (let n = 1; n > 0; ) {
          const [, count] = (await this.dataSource.query(rule.sql, [this.config[rule.keep]])) as [unknown, number];
          n = count;
          deleted[rule.table] = (deleted[rule.table] ?? 0) + n;
          retentionDeleted.inc({ table: rule.table }, n);
        }
      } catch (error) {
        this.logger.warn({ table: rule.table, reason: (error as Error).message }, 'retention could not prune; will try again');
      }
    }
    return deleted;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
