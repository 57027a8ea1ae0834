import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { AbsenceReported, type DataOf } from '@safeguard/contracts';
import { isolation, testInfrastructure, type Infrastructure } from '@safeguard/testing';
import type { DataSource } from 'typeorm';
import { Batch, runInBatch } from '../src/inbox/batch.js';
import { applyOnce } from '../src/inbox/inbox.js';
import { dropDatabase, ensureDatabase, openDatabase } from '../src/db/database.js';
import { Outbox } from '../src/outbox/outbox.js';

const report = (childId: string): DataOf<typeof AbsenceReported> => ({
  episodeId: randomUUID(), episodeReference: 'MFC-2026-000001', childId, homeId: randomUUID(),
  placingCouncil: 'DEMO-COUNCIL', policeForce: 'DEMO-FORCE', classification: 'M', lastSeenAt: new Date().toISOString(),
  discoveredAt: new Date().toISOString(), reportedAt: new Date().toISOString(), circumstances: [], childProfileVersion: 1,
});
const envelope = () => ({ id: randomUUID() }) as never;

/**
 * A batch's writes on real PostgreSQL: the outbox rows of all its events in one statement at the commit, in the order
 * they were added; nothing of a batch that rolls back; and a transaction that a swallowed failure aborted is never
 * taken as applied, in a batch or on its own. A statement-level trigger counts the INSERTs into the outbox.
 */
describe('a batch writes its events\' outbox rows in one statement, and never takes an aborted transaction as applied', () => {
  const iso = isolation('batch');
  const outbox = new Outbox('test');
  let infra: Infrastructure;
  let url: string;
  let ds: DataSource;

  beforeAll(async () => {
    infra = await testInfrastructure();
    url = iso.database(infra.postgresUrl, 'platform');
    await ensureDatabase(url);
    ds = await openDatabase({ url, entities: [], migrations: [] });
    await ds.query('CREATE TABLE outbox_inserts (n int NOT NULL)');
    await ds.query(`CREATE FUNCTION count_outbox_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO outbox_inserts VALUES (1); RETURN NULL; END $$`);
    await ds.query('CREATE TRIGGER count_outbox_insert AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION count_outbox_insert()');
  });

  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(url);
    await infra?.stop();
  });

  const counts = async () => {
    const [{ rows, inserts }] = await ds.query('SELECT (SELECT count(*)::int FROM outbox) AS rows, (SELECT count(*)::int FROM outbox_inserts) AS inserts');
    await ds.query('TRUNCATE outbox, outbox_inserts, inbox');
    return { rows, inserts };
  };
  const eventIds = async () => (await ds.query('SELECT event_id FROM outbox ORDER BY id')).map((r: { event_id: string }) => r.event_id);

  it('ten events of a batch, two outbox events each: twenty rows in one INSERT at the commit, in the order added', async () => {
    const child = randomUUID();
    const batch = new Batch([child]);
    const added: string[] = [];
    await runInBatch(batch, async () => {
      for (let i = 0; i < 10; i++) {
        await applyOnce(ds, 'test', envelope(), async (em) => {
          for (const e of [report(child), report(child)]) added.push((await outbox.add(em, AbsenceReported, child, e)).id);
        }, { lockKey: child });
      }
      // Nothing is written before the commit.
      expect((await ds.query('SELECT count(*)::int AS n FROM outbox_inserts'))[0].n).toBe(0);
    });
    await batch.commit();
    expect(await eventIds()).toEqual(added);
    expect(await counts()).toEqual({ rows: 20, inserts: 1 });
  });

  it('an event applied on its own is a batch of one: its events go in one INSERT too', async () => {
    const child = randomUUID();
    await applyOnce(ds, 'test', envelope(), async (em) => {
      await outbox.addAll(em, [report(child), report(child), report(child)].map((data) => ({ contract: AbsenceReported, childId: child, data })));
      await outbox.add(em, AbsenceReported, child, report(child));
    }, { lockKey: child });
    expect(await counts()).toEqual({ rows: 4, inserts: 1 });
  });

  it('a batch that rolls back writes none of its events', async () => {
    const child = randomUUID();
    const batch = new Batch([child]);
    await runInBatch(batch, () => applyOnce(ds, 'test', envelope(), async (em) => void (await outbox.add(em, AbsenceReported, child, report(child))), { lockKey: child }));
    await batch.rollback();
    expect(await counts()).toEqual({ rows: 0, inserts: 0 });
  });

  it('a transaction aborted by a failure its handler swallowed is not taken as applied: PostgreSQL answers its COMMIT with ROLLBACK', async () => {
    const child = randomUUID();
    const swallowing = (em: { query(sql: string): Promise<unknown> }) => em.query('SELECT 1/0').catch(() => undefined);
    // On its own: the call fails, so the consumer retries the event; no inbox row claims it applied.
        await expect(applyOnce(ds, 'test', envelope(), async (em) => void (await swallowing(em)), { lockKey: child })).rejects.toThrow(/rolled back at commit/);
    // In a batch: the commit fails, so the consumer applies the batch's events one by one.
    const batch = new Batch([child]);
    await runInBatch(batch, () => applyOnce(ds, 'test', envelope(), async (em) => void (await swallowing(em)), { lockKey: child }));
    await expect(batch.commit()).rejects.toThrow(/rolled back at commit/);
    expect((await ds.query('SELECT count(*)::int AS n FROM inbox'))[0].n).toBe(0);
  });
});
