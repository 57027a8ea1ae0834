import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** Written once, just before the commit: rows gathered from every event of the batch, in one statement. */
interface Deferred<T> {
  rows: T[];
  flush: (em: EntityManager, rows: T[]) => Promise<void>;
}

/**
 * Events applied in one transaction. The consumer opens a batch around a partition's events (one event when it
 * applies them one by one); the first `applyOnce` inside it begins the transaction on its data source and the rest
 * join it, so n events cost one BEGIN and one COMMIT (one flush to disk) instead of n. Rows that many events add
 * (outbox events) can wait for the commit and go in one statement (`defer`); work that must see the commit (queueing a
 * timer's wake-up) is held until it lands, and dropped if the batch rolls back.
 */
export class Batch {
  private runner?: QueryRunner;
  private readonly afterCommit: (() => Promise<unknown>)[] = [];
  private readonly deferred = new Map<string, Deferred<unknown>>();

  /** `keys`: the children the batch is about, locked up front in one order (see `manager`); none for a single event. */
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
    if (this.keys.length > 0) {
      await runner.query(`SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtext(x) AS k FROM unnest($1::text[]) x ORDER BY 1) locks`, [this.keys]);
    }
    return runner.manager;
  }

  /** Whether `em` is this batch's transaction (writes through another manager are not the batch's to defer). */
  owns(em: EntityManager): boolean {
    return this.runner?.manager === em;
  }

  /** Rows kept under `kind` until just before the commit, then written by `flush` in one go, in the order added. */
  defer<T>(kind: string, rows: T[], flush: Deferred<T>['flush']): void {
    const pending = (this.deferred.get(kind) as Deferred<T> | undefined) ?? { rows: [], flush };
    pending.rows.push(...rows);
    this.deferred.set(kind, pending as Deferred<unknown>);
  }

  /** Holds `work` until the batch has committed; a rolled-back batch drops it. */
  later(work: () => Promise<unknown>): void {
    this.afterCommit.push(work);
  }

  /** Commits, then runs what waited for the commit; returns those wake-ups' failures (the state is already durable). */
  async commit(): Promise<unknown[]> {
    const runner = this.runner;
    if (runner) {
      try {
        for (const { rows, flush } of this.deferred.values()) await flush(runner.manager, rows);
        // A statement that failed inside the transaction (even one a handler caught) aborts it, and PostgreSQL then
        // answers COMMIT with ROLLBACK rather than an error: read the answer, so such a batch is never taken as applied.
        // (TypeORM's commitTransaction drops that answer, so the COMMIT goes over the runner's own connection.)
        const connection = (await runner.connect()) as { query(sql: string): Promise<{ command: string }> };
        const { command } = await connection.query('COMMIT');
        (runner as { isTransactionActive: boolean }).isTransactionActive = false;
        if (command !== 'COMMIT') throw new Error(`the transaction was rolled back at commit (${command}): a statement in it had failed`);
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        await runner.release();
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

/**
 * `work` in a transaction of its own that is a batch of one: the same deferred rows, the same check of the COMMIT's
 * answer, and what waited for the commit run after it. The state is durable once this returns or throws a wake-up's
 * failure (the first, if any). A retry finds the work done and skips it, so a wake-up registered by the work itself
 * (a timer's) is not tried again: its reconciler's next pass (at most `TIMER_RECONCILE_MS` away) queues it.
 */
export async function inOwnBatch<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>, afterCommit?: () => Promise<unknown>): Promise<T> {
  const batch = new Batch([]);
  let result: T;
  try {
    result = await runInBatch(batch, async () => work(await batch.manager(dataSource)));
  } catch (error) {
    await batch.rollback().catch(() => undefined);
    throw error;
  }
  if (afterCommit) batch.later(afterCommit);
  const [failed] = await batch.commit();
  if (failed) throw failed;
  return result;
}

/** The batch whose transaction `em` is, if any: writes through it may wait for the commit. */
export const batchOf = (em: EntityManager): Batch | undefined => {
  const batch = currentBatch();
  return batch?.owns(em) ? batch : undefined;
};

/**
 * Inserts `rows` now, or, when `em` is a batch's transaction, with the rest of the batch's rows of `kind` in one
 * statement just before it commits. Only for rows nothing reads back inside the transaction (events, history).
 */
export async function insertOrDefer<T>(em: EntityManager, kind: string, rows: T[], insert: (em: EntityManager, rows: T[]) => Promise<void>): Promise<void> {
  if (rows.length === 0) return;
  const batch = batchOf(em);
  if (batch) batch.defer(kind, rows, insert);
  else await insert(em, rows);
}
