import pg from 'pg';
import type { ProducerBatch } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { outboxLag, outboxPending } from '../metrics.js';

interface Row {
  id: string;
  topic: string;
  message_key: string;
  value: string;
  traceparent: string | null;
  age: string;
}

export interface RelayOptions {
  dataSource: DataSource;
  /** A RenewingProducer in a service: a failed send must not leave the next ones refused. */
  producer: { connect(): Promise<void>; sendBatch(batch: ProducerBatch): Promise<unknown> };
  databaseUrl: string;
  prefix: string;
  logger: Logger;
  batchSize?: number;
  /** Safety net for a missed notification or a broker outage. */
  pollMs?: number;
}

/**
 * Publishes outbox rows to Kafka. A trigger NOTIFYs at commit, so a new event is on the broker within milliseconds;
 * a slow poll catches anything missed. One replica relays at a time (a transaction-scoped advisory lock), so several
 * replicas are safe and one child's events leave in the order they were committed.
 */
export class OutboxRelay {
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;
  private idle: Promise<void> = Promise.resolve();
  private publishedSinceVacuum = 0;
  private tidying = false;
  private lastVacuum = 0;

  constructor(private readonly o: RelayOptions) {}

  async start(): Promise<void> {
    this.listener = new pg.Client({ connectionString: this.o.databaseUrl });
    this.listener.on('notification', () => this.kick());
    this.listener.on('error', (error) => this.o.logger.warn({ reason: error.message }, 'outbox listener lost'));
    await this.listener.connect();
    await this.listener.query('LISTEN outbox');
    this.timer = setInterval(() => {
      this.kick();
      this.pending().catch(() => undefined);
    }, this.o.pollMs ?? 1_000);
    this.kick();
  }

  /** Drains now; coalesces calls that arrive while a drain is running. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.idle = this.drain().finally(() => {
      this.running = false;
    });
  }

  private async drain(): Promise<void> {
    await this.publishAll();
    if (!this.tidying) void this.tidy(); // on its own connection, alongside publishing
  }

  private async publishAll(): Promise<void> {
    try {
      // Before any claim: while Kafka is unreachable, connecting fails here without holding rows or a connection.
      await this.o.producer.connect();
      do {
        this.again = false;
        let n: number;
        do {
          n = await this.publishBatch();
          this.publishedSinceVacuum += n;
        } while (!this.stopped && n === this.batchSize());
      } while (this.again && !this.stopped);
    } catch (error) {
      this.o.logger.warn({ reason: (error as Error).message }, 'outbox relay could not publish; will retry');
    }
  }

  /**
   * Publishes one batch in one transaction; a failed send rolls back and the rows stay pending. Two round trips:
   * BEGIN with the claim, and the mark with the COMMIT. Both go as one simple query each, so what they carry is
   * written into the text: the batch size and the claimed ids, numbers this code and PostgreSQL produced.
   */
  private async publishBatch(): Promise<number> {
    const runner = this.o.dataSource.createQueryRunner();
    const db = (await runner.connect()) as pg.ClientBase;
    try {
      // One relay at a time per database: replicas take turns, so events leave in commit order per child (writers of
      // one child's events are serialised by a per-child lock, so their ids follow their commits).
      // The leader lock and the claim in one statement: a replica that is not the leader claims nothing.
      const [, claim] = (await db.query(
        `BEGIN; WITH leader AS (SELECT pg_try_advisory_xact_lock(hashtext('outbox-relay')) AS yes)
         SELECT id, topic, message_key, value, traceparent, extract(epoch from clock_timestamp() - created_at) AS age
           FROM outbox WHERE (SELECT yes FROM leader) AND published_at IS NULL ORDER BY id LIMIT ${Math.trunc(this.batchSize())} FOR UPDATE OF outbox SKIP LOCKED`,
      )) as unknown as [pg.QueryResult, pg.QueryResult<Row>];
      const rows = claim.rows;
      if (rows.length > 0) {
        const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
        for (const r of rows) {
          const list = byTopic.get(r.topic) ?? [];
          list.push({ key: r.message_key, value: r.value, headers: r.traceparent ? { traceparent: r.traceparent } : {} });
          byTopic.set(r.topic, list);
        }
        await this.o.producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic: this.o.prefix + topic, messages })),
        });
      }
      const ids = rows.map((r) => { if (!/^\d+$/.test(r.id)) throw new Error('outbox id is not a number'); return r.id; });
      await db.query(rows.length > 0 ? `UPDATE outbox SET published_at = now() WHERE id = ANY('{${ids.join(',')}}'::bigint[]); COMMIT` : 'COMMIT');
      for (const r of rows) outboxLag.observe(Number(r.age));
      return rows.length;
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private batchSize(): number {
    return this.o.batchSize ?? 500;
  }

  /**
   * The claim walks the index of unpublished rows; every published row leaves a dead entry there until a vacuum.
   * Under steady load autovacuum comes too seldom, and the claim slowed from microseconds to milliseconds, so the
   * relay vacuums the outbox itself after a few thousand rows (at most every 10 s), always cleaning the indexes
   * (PostgreSQL would otherwise skip them when few heap pages have dead rows). Published rows are deleted by the
   * retention job (retention.ts) once past their window.
   */
  private async tidy(): Promise<void> {
    if (this.publishedSinceVacuum < 2_000 || Date.now() - this.lastVacuum < 10_000 || this.stopped) return;
    this.tidying = true;
    this.publishedSinceVacuum = 0;
    this.lastVacuum = Date.now();
    try {
      await this.o.dataSource.query('VACUUM (SKIP_LOCKED, INDEX_CLEANUP ON) outbox');
    } catch (error) {
      this.o.logger.warn({ reason: (error as Error).message }, 'outbox tidy failed; autovacuum will do it later');
    } finally {
      this.tidying = false;
    }
  }

  /** Rows still waiting to be published (the outbox_pending metric; tests wait on it). */
  async pending(): Promise<number> {
    const [row] = await this.o.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
    outboxPending.set(row.n);
    return row.n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.idle;
    await this.listener?.end().catch(() => undefined);
  }
}
