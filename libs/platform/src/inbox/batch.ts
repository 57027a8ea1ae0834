import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Events consumed together from one partition, applied in one transaction. The consumer opens a batch around its
 * handlers; the first `applyOnce` inside it begins the transaction on its data source and the rest join it, so a
 * batch of n events costs one BEGIN and one COMMIT (one flush to disk) instead of n. Work that must wait for the
 * commit (waking the clock, queueing deliveries) is held until it lands, and dropped if the batch rolls back.
 */
export class Batch {
  private runner?: QueryRunner;
  private readonly afterCommit: (() => Promise<unknown>)[] = [];

  /** `keys`: the children the batch is about, locked up front in one order (see `manager`). */
  constructor(private readonly keys: string[]) {}

  /** The batch's transaction, begun on first use. */
  async manager(dataSource: DataSource): Promise<EntityManager> {
    if (this.runner) {
      if (this.runner.connection !== dataSource) throw new Error('a batch spans one database');
      return this.runner.manager;
    }
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      this.runner = runner;
    } catch (error) {
      await runner.release();
      throw error;
    }
    // Every child's lock, in one order, before any effect: two batches (different topics, the same children) then
    // queue behind each other instead of deadlocking. Each event still takes its own child's lock; it is re-entrant.
    // One statement per batch, whether it has one child or many.
    await runner.query(`SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtext(x) AS k FROM unnest($1::text[]) x ORDER BY 1) locks`, [this.keys]);
    return runner.manager;
  }

  /** Holds `work` until the batch has committed; a rolled-back batch drops it. */
  later(work: () => Promise<unknown>): void {
    this.afterCommit.push(work);
  }

  /** Commits, then runs what waited for the commit; returns those wake-ups' failures (the state is already durable). */
  async commit(): Promise<unknown[]> {
    if (this.runner) {
      try {
        // A statement that failed inside the transaction (even one a handler caught) aborts it, and PostgreSQL then
        // answers COMMIT by rolling back without an error: ask first, so such a batch is applied one by one instead.
        await this.runner.query('SELECT 1');
        await this.runner.commitTransaction();
      } catch (error) {
        if (this.runner.isTransactionActive) await this.runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        await this.runner.release();
      }
    }
    const outcomes = await Promise.allSettled(this.afterCommit.map((work) => work()));
    return outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
  }

  async rollback(): Promise<void> {
    if (!this.runner) return;
    try {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
    } finally {
      await this.runner.release();
    }
  }
}

const storage = new AsyncLocalStorage<Batch>();

export const currentBatch = (): Batch | undefined => storage.getStore();
export const runInBatch = <T>(batch: Batch, fn: () => T): T => storage.run(batch, fn);
