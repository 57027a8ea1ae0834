import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventually, isolation, testInfrastructure, type Infrastructure } from '@safeguard/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase, openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logging.js';
import { Batch, runInBatch } from '../src/inbox/batch.js';
import { DurableTimers } from '../src/timers/durable-timers.js';

/**
 * The clock's wake-ups on real PostgreSQL and Redis. A batch of events committing together asks the clock to
 * reconcile once per event: those calls must share passes (not one query each), and each caller must still find its
 * own timer queued when its call resolves.
 */
describe('durable timers: a batch queues what it booked; reconcile calls share passes, and each sees its own timer queued', () => {
  const iso = isolation('timers');
  let infra: Infrastructure;
  let url: string;
  let ds: DataSource;
  let timers: DurableTimers;
  let queue: Queue;
  let redis: Redis;

  beforeAll(async () => {
    infra = await testInfrastructure();
    url = iso.database(infra.postgresUrl, 'platform');
    await ensureDatabase(url);
    ds = await openDatabase({ url, entities: [], migrations: [] });
    // A long period: the timers below fall inside the horizon (2 × 60 s) but not due, so they wait in the queue.
    timers = new DurableTimers({ dataSource: ds, redisUrl: infra.redisUrl, prefix: iso.queuePrefix, queue: 'clock',
      logger: createLogger('timers-test', 'silent'), reconcileMs: 60_000 });
    timers.on('step', async () => undefined);
    // A firing timer that books the next one, as a ladder step books its acknowledgement deadline.
    timers.on('chain', (em) => timers.schedule(em, { id: 'chained', kind: 'step', dueAt: new Date(Date.now() + 90_000), payload: {} }));
    await timers.start();
    redis = new Redis(infra.redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue('clock', { connection: redis, prefix: iso.queuePrefix });
  });

  afterAll(async () => {
    await timers?.stop();
    await queue?.obliterate({ force: true }); // the delayed jobs would otherwise stay in the shared Redis
    await queue?.close();
    redis?.disconnect();
    await ds?.destroy();
    await dropDatabase(url);
    await infra?.stop();
  });

  const book = async (id: string): Promise<string> => {
    await ds.transaction((em) => timers.schedule(em, { id, kind: 'step', dueAt: new Date(Date.now() + 90_000), payload: {} }));
    const [{ token }] = await ds.query('SELECT token FROM timer WHERE id = $1', [id]);
    return token;
  };

  it('a call made while a pass runs gets a pass that starts after it, so it finds the timer it booked queued', async () => {
    // Hold the first pass just after its query: whatever is booked now, that pass has not seen.
    let queried!: () => void;
    let release!: () => void;
    const hasQueried = new Promise<void>((r) => (queried = r));
    const gate = new Promise<void>((r) => (release = r));
    const query = ds.query.bind(ds);
    const held = jest.spyOn(ds, 'query').mockImplementationOnce(async (...args: Parameters<DataSource['query']>) => {
      const rows = await query(...args);
      queried();
      await gate;
      return rows;
    });
    try {
      const first = timers.reconcile();
      await hasQueried;
      const token = await book('late');
      const second = timers.reconcile(); // arrives while the first pass runs
      release();
      await Promise.all([first, second]);
      // Had the second call been given the running pass, this timer would wait for the next periodic pass.
      expect(await queue.getJob(`timer-${token}`)).toBeTruthy();
    } finally {
      held.mockRestore();
    }
  });

  it('fifty calls made at once share passes: at most two queries of the timer table, not fifty', async () => {
    const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => book(`burst:${i}`)));
    const queries = jest.spyOn(ds, 'query');
    try {
      await Promise.all(Array.from({ length: 50 }, () => timers.reconcile()));
      expect(queries.mock.calls.filter(([sql]) => String(sql).includes('FROM timer')).length).toBeLessThanOrEqual(2);
    } finally {
      queries.mockRestore();
    }
    for (const token of tokens) expect(await queue.getJob(`timer-${token}`)).toBeTruthy();
  });

  it('a batch queues the near timers it booked once it commits, without reading the timer table; a rolled-back one queues nothing', async () => {
    const inBatch = async (ids: string[], dueInMs: number, end: (batch: Batch) => Promise<unknown>) => {
      const batch = new Batch([]);
      await runInBatch(batch, async () => {
        const em = await batch.manager(ds);
        await timers.scheduleAll(em, ids.map((id) => ({ id, kind: 'step', dueAt: new Date(Date.now() + dueInMs), payload: {} })));
        // Not queued before the commit: a wake-up must find its timer's row.
        for (const [{ token }] of await Promise.all(ids.map((id) => em.query('SELECT token FROM timer WHERE id = $1', [id])))) {
          expect(await queue.getJob(`timer-${token}`)).toBeUndefined();
        }
      });
      await end(batch);
      return Promise.all(ids.map(async (id) => (await ds.query('SELECT token FROM timer WHERE id = $1', [id]))[0]?.token as string | undefined));
    };
    const queries = jest.spyOn(ds, 'query');
    try {
      const near = await inBatch(['batch:a', 'batch:b'], 90_000, (b) => b.commit());
      for (const token of near) expect(await queue.getJob(`timer-${token}`)).toBeTruthy();
      // Beyond the horizon (2 × 60 s): left to the sweep, which queues it once it comes near.
      const [far] = await inBatch(['batch:far'], 10 * 60_000, (b) => b.commit());
      expect(await queue.getJob(`timer-${far}`)).toBeUndefined();
      expect(queries.mock.calls.filter(([sql]) => String(sql).includes("WHERE state = 'pending'"))).toEqual([]); // no reconcile pass
    } finally {
      queries.mockRestore();
    }
    const batch = new Batch([]);
    const token = await runInBatch(batch, async () => {
      const em = await batch.manager(ds);
      await timers.scheduleAll(em, [{ id: 'batch:undone', kind: 'step', dueAt: new Date(Date.now() + 90_000), payload: {} }]);
      return (await em.query('SELECT token FROM timer WHERE id = $1', ['batch:undone']))[0].token as string;
    });
    await batch.rollback();
    expect(await queue.getJob(`timer-${token}`)).toBeUndefined();
  });

  it('a timer booked by a firing timer is queued when that firing commits, not at the next sweep', async () => {
    await ds.transaction((em) => timers.schedule(em, { id: 'chain', kind: 'chain', dueAt: new Date(), payload: {} }));
    await timers.reconcile(); // queues the due one; from here on nothing reads the timer table to queue
    const queries = jest.spyOn(ds, 'query');
    try {
      await eventually(async () => expect((await ds.query(`SELECT state FROM timer WHERE id = 'chain'`))[0].state).toBe('fired'));
      const [{ token }] = await ds.query(`SELECT token FROM timer WHERE id = 'chained'`);
      await eventually(async () => expect(await queue.getJob(`timer-${token}`)).toBeTruthy());
      expect(queries.mock.calls.filter(([sql]) => String(sql).includes("WHERE state = 'pending'"))).toEqual([]);
    } finally {
      queries.mockRestore();
    }
  });
});
