import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { dropDatabase, ensureDatabase, openDatabase } from '@safeguard/platform';
import { isolation, testInfrastructure, type Infrastructure } from '@safeguard/testing';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AlertRequested, DataOf } from '@safeguard/contracts';
import { DeliveryPlanner } from '../src/application/delivery-planner.js';
import type { NotifierConfig } from '../src/config.js';
import { DATABASE } from '../src/db/database.js';
import { DeliveryRepository } from '../src/repositories/delivery.repository.js';

const HOUR = 3_600_000;
const alertAt = (now: Date): DataOf<typeof AlertRequested> => ({
  alertId: randomUUID(), episodeId: randomUUID(), episodeReference: 'MFC-2026-000001', childId: randomUUID(),
  audience: { role: 'on-call-manager', scope: { kind: 'council', id: 'C' } }, level: 'high', ladder: 'T', rung: 0, ask: 'acknowledge',
  attempt: 1, ackDeadline: new Date(now.getTime() + HOUR).toISOString(), requestedAt: now.toISOString(),
});

/**
 * Reply codes held by their key on real PostgreSQL: a number holds a code once at a time, a reservation past its hold
 * is taken over, two alerts picking one code at once queue on the key and the second is refused, and the codes texts
 * carried before the table existed stay held.
 */
describe('reply codes are held per number by a key, with no lock', () => {
  const iso = isolation('reply-codes');
  const repo = new DeliveryRepository();
  let infra: Infrastructure;
  let url: string;
  let ds: DataSource;
  const mobile = '+447700900123';
  /** A planner whose warnings land in `warnings`. */
  const plannerLogging = (warnings: object[]) =>
    new DeliveryPlanner({ ACK_LINK_MARGIN_MINUTES: 120 } as NotifierConfig, { warn: (fields: object) => warnings.push(fields) } as unknown as Logger, repo);

  beforeAll(async () => {
    infra = await testInfrastructure();
    url = iso.database(infra.postgresUrl, 'notifier');
    await ensureDatabase(url);
    // The schema as it was before reservations, with texts already sent: then the migration that adds them.
    const before = await openDatabase({ url, ...DATABASE, migrations: DATABASE.migrations.slice(0, -1) });
    const text = (code: string, expiresInMs: number) => before.query(
      `INSERT INTO delivery (id, alert_id, recipient_id, channel, address, state, reply_code, expires_at) VALUES ($1, $2, $3, 'sms', $4, 'sent', $5, $6)`,
      [randomUUID(), randomUUID(), randomUUID(), mobile, code, new Date(Date.now() + expiresInMs)]);
    await text('1111', HOUR); // live
    await text('2222', -2 * HOUR); // expired two hours ago: still held for the day after
    await text('3333', -30 * HOUR); // expired more than a day ago: free again
    await before.destroy();
    ds = await openDatabase({ url, ...DATABASE });
  });

  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(url);
    await infra?.stop();
  });

  const hold = (code: string, at: Date, until = new Date(at.getTime() + HOUR), em = ds.manager) => repo.holdReplyCode(em, mobile, code, randomUUID(), until, at);

  it('keeps the codes texts already carried held until a day past their expiry', async () => {
    const now = new Date();
    expect(await repo.heldReplyCodes(ds.manager, mobile, now)).toEqual(new Set(['1111', '2222']));
    expect(await hold('1111', now)).toBe(false);
    expect(await hold('2222', now)).toBe(false);
    expect(await hold('3333', now)).toBe(true);
  });

  it('refuses a code the number holds, takes over one past its hold, and a code is one number\'s only', async () => {
    const now = new Date();
    expect(await hold('4444', now)).toBe(true);
    expect(await hold('4444', now)).toBe(false);
    expect(await hold('4444', new Date(now.getTime() + HOUR - 1))).toBe(false);
    expect(await hold('4444', new Date(now.getTime() + HOUR))).toBe(true); // the hold has passed
    expect(await repo.holdReplyCode(ds.manager, '+447700900999', '4444', randomUUID(), new Date(now.getTime() + HOUR), now)).toBe(true);
  });

  it('two alerts picking one code at once: the second waits on the key, and is refused if the first commits, given it if not', async () => {
    for (const first of ['commits', 'rolls back'] as const) {
      const code = first === 'commits' ? '5555' : '6666';
      const a = ds.createQueryRunner();
      await a.connect();
      await a.startTransaction();
      expect(await hold(code, new Date(), undefined, a.manager)).toBe(true);
      let settled = false;
      const second = hold(code, new Date()).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false); // waiting on the first's uncommitted key
      if (first === 'commits') await a.commitTransaction();
      else await a.rollbackTransaction();
      await a.release();
      expect(await second).toBe(first === 'rolls back');
    }
  });

  it('planning a text that already exists (a fallback to a channel under way) holds no second code', async () => {
    const mobile = '+447700900778';
    const planner = plannerLogging([]);
    const now = new Date();
    const req = alertAt(now);
    const person = { id: randomUUID(), role: 'on-call-manager' as const, email: 'twice@example.org', mobile };
    const id = await planner.add(ds.manager, req, person, 'sms', now);
    expect(await planner.add(ds.manager, req, person, 'sms', now)).toBeUndefined();
    const [{ reply_code: texted }] = await ds.query('SELECT reply_code FROM delivery WHERE id = $1', [id]);
    expect(await ds.query('SELECT code, delivery_id FROM reply_code WHERE address = $1', [mobile])).toEqual([{ code: texted, delivery_id: id }]);
  });

  it('a phone holding all codes but one gets that one once random picks keep being refused; holding every code, none, and its delivery is still made', async () => {
    const busy = '+447700900777';
    const warnings: object[] = [];
    const planner = plannerLogging(warnings);
    const now = new Date();
    const alert = () => alertAt(now);
    const person = { id: randomUUID(), role: 'on-call-manager' as const, email: 'busy@example.org', mobile: busy };
    await ds.query(`INSERT INTO reply_code (address, code, delivery_id, held_until)
      SELECT $1, c::text, gen_random_uuid(), $2 FROM generate_series(1000, 9999) c WHERE c <> 4321`, [busy, new Date(now.getTime() + HOUR)]);
    const id = await planner.add(ds.manager, alert(), person, 'sms', now);
    expect((await ds.query('SELECT reply_code FROM delivery WHERE id = $1', [id]))[0].reply_code).toBe('4321');
    const full = alert();
    const without = await planner.add(ds.manager, full, person, 'sms', now);
    expect((await ds.query('SELECT reply_code FROM delivery WHERE id = $1', [without]))).toEqual([{ reply_code: null }]);
    expect(await planner.add(ds.manager, full, person, 'sms', now)).toBeUndefined(); // planned again: already made
    expect(warnings).toEqual([{ deliveryId: without }]); // once, for the text made; the id only, never the number
  });
});
