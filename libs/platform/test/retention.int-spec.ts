import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isolation, testInfrastructure, type Infrastructure } from '@safeguard/testing';
import type { DataSource } from 'typeorm';
import type { BaseConfig } from '../src/config.js';
import { dropDatabase, ensureDatabase, openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logging.js';
import { Retention } from '../src/retention.js';
import { DurableTimers } from '../src/timers/durable-timers.js';

/**
 * Retention on real PostgreSQL, through the platform's own migrations: rows past their window go, in slices, and
 * nothing else does: not a claim still inside the window, not an unpublished event however old, not a pending timer.
 */
describe('retention prunes the machinery, never what is still live', () => {
  const iso = isolation('retention');
  let infra: Infrastructure;
  let url: string;
  let ds: DataSource;
  const keep = { INBOX_KEEP_SECONDS: 3_600, OUTBOX_KEEP_SECONDS: 3_600, TIMER_KEEP_SECONDS: 3_600, RETENTION_EVERY_SECONDS: 600 } as BaseConfig;
  const count = async (sql: string) => Number((await ds.query(sql))[0].n);

  beforeAll(async () => {
    infra = await testInfrastructure();
    url = iso.database(infra.postgresUrl, 'platform');
    await ensureDatabase(url);
    ds = await openDatabase({ url, entities: [], migrations: [] });
  });

  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(url);
    await infra?.stop();
  });

  it('deletes old claims, published rows and settled timers, more than one slice of them, and keeps the rest', async () => {
    // 12,000 old claims (more than two slices) and 10 recent ones.
    await ds.query(`INSERT INTO inbox (consumer, event_id, processed_at)
      SELECT 'c', gen_random_uuid(), now() - interval '2 hours' FROM generate_series(1, 12000)`);
    await ds.query(`INSERT INTO inbox (consumer, event_id) SELECT 'c', gen_random_uuid() FROM generate_series(1, 10)`);
    // Outbox: old published, old unpublished (never deleted: not yet on the broker), recent published.
    const outbox = (published: string | null, n: number) => ds.query(`INSERT INTO outbox (event_id, topic, message_key, value, created_at, published_at)
      SELECT gen_random_uuid(), 't', 'k', '{}', now() - interval '3 hours', ${published ?? 'NULL'} FROM generate_series(1, ${n})`);
    await outbox(`now() - interval '2 hours'`, 300);
    await outbox(null, 5);
    await outbox('now()', 7);
    // Timers: fired and cancelled long ago (go, even a step cancelled long before its due time), pending long overdue
    // (stays), fired or cancelled just now (stay, however long ago they were due).
    const timer = (state: string, due: string, settled: string | null, n: number) => ds.query(`INSERT INTO timer (id, kind, due_at, payload, state, token, fired_at, settled_at)
      SELECT '${state}-' || gen_random_uuid(), 'step', ${due}, '{}', '${state}', gen_random_uuid(), ${state === 'fired' ? settled : 'NULL'}, ${settled ?? 'NULL'}
        FROM generate_series(1, ${n})`);
    await timer('fired', `now() - interval '3 hours'`, `now() - interval '2 hours'`, 40);
    await timer('cancelled', `now() + interval '3 days'`, `now() - interval '2 hours'`, 30);
    await timer('pending', `now() - interval '5 hours'`, null, 3);
    await timer('fired', `now() - interval '1 minute'`, 'now()', 2);
    await timer('cancelled', `now() - interval '5 hours'`, 'now()', 2);

    const deleted = await new Retention(ds, keep, createLogger('retention-test', 'silent')).prune();

    expect(deleted).toEqual({ inbox: 12_000, outbox: 300, timer: 70 });
    expect(await count('SELECT count(*) AS n FROM inbox')).toBe(10);
    expect(await count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).toBe(5);
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(12);
    expect(await count(`SELECT count(*) AS n FROM timer WHERE state = 'pending'`)).toBe(3);
    expect(await count('SELECT count(*) AS n FROM timer')).toBe(7);
    // Nothing left past its window: a second run deletes nothing.
    expect(await new Retention(ds, keep, createLogger('retention-test', 'silent')).prune()).toEqual({ inbox: 0, outbox: 0, timer: 0 });
  });

  it('counts a timer from when the clock cancels or fires it, and a re-booked timer is pending again', async () => {
    const timers = new DurableTimers({ dataSource: ds, redisUrl: 'redis://unused', prefix: 'unused', queue: 'unused', logger: createLogger('retention-test', 'silent') });
    const days = (n: number) => new Date(Date.now() + n * 86_400_000);
    const settled = async (id: string) => (await ds.query('SELECT state, settled_at FROM timer WHERE id = $1', [id]))[0];
    await ds.transaction((em) => timers.scheduleAll(em, [{ id: 'rung:e1:a', kind: 'step', dueAt: days(3), payload: {} }, { id: 'rung:e1:b', kind: 'step', dueAt: days(7), payload: {} }]));
    await ds.transaction((em) => timers.cancel(em, 'rung:e1:'));
    expect(await settled('rung:e1:a')).toEqual({ state: 'cancelled', settled_at: expect.any(Date) });
    // Cancelled three days before it was due: gone one window after the cancel, not one window after its due time.
    await ds.query(`UPDATE timer SET settled_at = now() - interval '2 hours' WHERE id = 'rung:e1:a'`);
    expect((await new Retention(ds, keep, createLogger('retention-test', 'silent')).prune()).timer).toBe(1);
    await ds.transaction((em) => timers.schedule(em, { id: 'rung:e1:b', kind: 'step', dueAt: days(1), payload: {} }));
    expect(await settled('rung:e1:b')).toEqual({ state: 'pending', settled_at: null });
  });

  it('ages a timer a replica on earlier code settled without the time, as that code did: fired by firing, cancelled by due time', async () => {
    await ds.query('DELETE FROM timer');
    const old = (id: string, state: string, due: string, fired: string | null) => ds.query(
      `INSERT INTO timer (id, kind, due_at, payload, state, token, fired_at) VALUES ($1, 'step', ${due}, '{}', $2, gen_random_uuid(), ${fired ?? 'NULL'})`, [id, state]);
    await old('fired-long-ago', 'fired', `now() - interval '3 hours'`, `now() - interval '2 hours'`);
    await old('cancelled-long-due', 'cancelled', `now() - interval '2 hours'`, null);
    await old('fired-now', 'fired', `now() - interval '3 hours'`, 'now()');
    await old('cancelled-due-later', 'cancelled', `now() + interval '3 days'`, null);
    expect((await new Retention(ds, keep, createLogger('retention-test', 'silent')).prune()).timer).toBe(2);
    expect((await ds.query('SELECT id FROM timer ORDER BY id')).map((r: { id: string }) => r.id)).toEqual(['cancelled-due-later', 'fired-now']);
  });

  it('keeps pruning the outbox past a row still to publish at its head', async () => {
    await ds.query('DELETE FROM outbox');
    await ds.query(`INSERT INTO outbox (event_id, topic, message_key, value) VALUES (gen_random_uuid(), 't', 'k', '{}')`);
    await ds.query(`INSERT INTO outbox (event_id, topic, message_key, value, created_at, published_at)
      SELECT gen_random_uuid(), 't', 'k', '{}', now() - interval '3 hours', now() - interval '2 hours' FROM generate_series(1, 12000)`);
    expect((await new Retention(ds, keep, createLogger('retention-test', 'silent')).prune()).outbox).toBe(12_000);
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(1);
  });
});
