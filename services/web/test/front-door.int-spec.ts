import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, dropDatabase, ensureDatabase, LOGGER, openDatabase } from '@safeguard/platform';
import { isolation, testInfrastructure, type Infrastructure } from '@safeguard/testing';
import { DataSource } from 'typeorm';
import { Sessions } from '../src/application/sessions.js';
import { hashPassword } from '../src/auth/password.js';
import { WebConfigSchema, type WebConfig } from '../src/config.js';
import { DATABASE } from '../src/db/database.js';
import { PER_USERNAME_AND_ADDRESS } from '../src/domain/throttle.js';
import { AccountRepository } from '../src/repositories/account.repository.js';
import { SessionRepository } from '../src/repositories/session.repository.js';
import { SignInFailureRepository } from '../src/repositories/sign-in-failure.repository.js';
import { WEB_CONFIG } from '../src/tokens.js';

/** Local sign-in and sessions on real PostgreSQL: hashed at rest, idle and absolute expiry, purge, throttling. */
const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('signing in and sessions on PostgreSQL', () => {
  let infra: Infrastructure;
  let url: string;
  let ds: DataSource;
  let context: INestApplicationContext;
  let sessions: Sessions;
  const config = WebConfigSchema.pick({ SESSION_IDLE_MINUTES: true, SESSION_ABSOLUTE_HOURS: true, SESSION_PURGE_MINUTES: true, COOKIE_SECURE: true })
    .parse({}) as WebConfig;
  const accounts: Record<string, string> = {};

  const addAccount = async (username: string, hash: string | null) => {
    const id = randomUUID();
    await ds.query(`INSERT INTO account (id, username, display_name, password_hash, role, scope_kind, scope_id)
                    VALUES ($1, $2, $3, $4, 'on-call-manager', 'council', 'DEMO-COUNCIL')`, [id, username, username, hash]);
    accounts[username] = id;
  };
  const signIn = (username: string, password: string, address: string, now?: Date, previousSessionId?: string) =>
    sessions.signIn({ username, password, address, previousSessionId }, now);

  beforeAll(async () => {
    infra = await testInfrastructure();
    url = isolation('webfrontdoor').database(infra.postgresUrl, 'web');
    await ensureDatabase(url);
    ds = await openDatabase({ ...DATABASE, url });
    @Module({
      providers: [{ provide: DataSource, useValue: ds }, { provide: WEB_CONFIG, useValue: config }, { provide: LOGGER, useValue: createLogger('web', 'silent') },
        AccountRepository, SessionRepository, SignInFailureRepository, Sessions],
    })
    class SessionsModule {}
    context = await NestFactory.createApplicationContext(SessionsModule, { logger: false });
    sessions = context.get(Sessions);
    const hash = await hashPassword(PASSWORD);
    for (const username of ['oncall', 'police', 'manager', 'duty']) await addAccount(username, hash);
    // A hash in the first format, at the old cost (N=2^14), as accounts created before this release hold.
    await addAccount('legacy', (await hashPassword(PASSWORD, { N: 16_384, r: 8, p: 1 })).replace('N=16384,r=8,p=1', '16384'));
    // Signs in only through the council's identity provider: no password hash at all.
    await addAccount('federated', null);
  });

  afterAll(async () => {
    await context?.close();
    await ds?.destroy();
    if (url) await dropDatabase(url);
    await infra?.stop();
  });

  it('stores only the SHA-256 of the session id: the cookie value is nowhere in the table', async () => {
    const result = await signIn('oncall', PASSWORD, '192.0.2.10');
    if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
    expect(result.sessionId).toMatch(/^[\w-]{43}$/);
    const rows: Record<string, unknown>[] = await ds.query('SELECT * FROM session');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).toBe(sha256(result.sessionId));
    expect(JSON.stringify(rows)).not.toContain(result.sessionId);
    expect(await sessions.resolve(result.sessionId)).toMatchObject({ accountId: accounts.oncall, username: 'oncall', sessionId: result.sessionId });
    // Knowing the stored hash is no use as a cookie.
    expect(await sessions.resolve(rows[0]!.id_hash as string)).toBeUndefined();
  });

  it('ends a session 30 minutes after its last request, and keeps it while it is used', async () => {
    const t0 = new Date('2026-11-25T08:00:00Z');
    const { sessionId } = await sessions.startFor(accounts.police!, undefined, t0);
    const at = (min: number) => new Date(t0.getTime() + min * MINUTE);
    expect(await sessions.resolve(sessionId, at(29))).toBeDefined();
    expect(await sessions.resolve(sessionId, at(58))).toBeDefined(); // 29 min after the last request
    expect(await sessions.resolve(sessionId, at(88))).toBeUndefined(); // 30 min idle
    expect(await sessions.resolve(sessionId, at(89))).toBeUndefined(); // and a late request does not revive it
  });

  it('ends a session 12 hours after signing in however busy it is', async () => {
    const t0 = new Date('2026-11-25T08:00:00Z');
    const { sessionId } = await sessions.startFor(accounts.manager!, undefined, t0);
    let minute = 0;
    for (; minute <= 12 * 60 - 20; minute += 20) expect(await sessions.resolve(sessionId, new Date(t0.getTime() + minute * MINUTE))).toBeDefined();
    expect(await sessions.resolve(sessionId, new Date(t0.getTime() + (12 * 60 - 1) * MINUTE))).toBeDefined();
    expect(await sessions.resolve(sessionId, new Date(t0.getTime() + 12 * 60 * MINUTE))).toBeUndefined();
  });

  it('a new sign-in ends the person’s other sessions and the browser’s previous one', async () => {
    const first = await signIn('duty', PASSWORD, '192.0.2.20');
    const other = await sessions.startFor(accounts.police!, undefined);
    if (!first.ok) throw new Error('first sign-in refused');
    // The same person elsewhere: the first session ends.
    const second = await signIn('duty', PASSWORD, '192.0.2.21');
    if (!second.ok) throw new Error('second sign-in refused');
    expect(await sessions.resolve(first.sessionId)).toBeUndefined();
    expect(await sessions.resolve(second.sessionId)).toBeDefined();
    // Someone else signs in in the browser where police was signed in: that session ends too.
    const third = await sessions.startFor(accounts.duty!, other.sessionId);
    expect(await sessions.resolve(other.sessionId)).toBeUndefined();
    expect(await sessions.resolve(second.sessionId)).toBeUndefined();
    expect(await sessions.resolve(third.sessionId)).toMatchObject({ username: 'duty' });
    expect(Number((await ds.query('SELECT count(*) AS n FROM session WHERE account_id = $1', [accounts.duty]))[0].n)).toBe(1);
  });

  it('purges sessions past their idle or absolute end, and only those', async () => {
    const now = new Date();
    await ds.query('DELETE FROM session');
    const idle = await sessions.startFor(accounts.oncall!, undefined, new Date(now.getTime() - 31 * MINUTE));
    const old = await sessions.startFor(accounts.police!, undefined, new Date(now.getTime() - 13 * 60 * MINUTE));
    await ds.query('UPDATE session SET last_seen_at = $2 WHERE id_hash = $1', [sha256(old.sessionId), new Date(now.getTime() - MINUTE)]);
    const live = await sessions.startFor(accounts.manager!, undefined, new Date(now.getTime() - 5 * MINUTE));
    const purged = await sessions.purge(now);
    expect(purged.sessions).toBe(2);
    const left: { id_hash: string }[] = await ds.query('SELECT id_hash FROM session');
    expect(left.map((r) => r.id_hash)).toEqual([sha256(live.sessionId)]);
    expect(left.map((r) => r.id_hash)).not.toContain(sha256(idle.sessionId));
  });

  it('upgrades a hash with the old parameters on the next successful sign-in', async () => {
    expect((await ds.query('SELECT password_hash FROM account WHERE username = $1', ['legacy']))[0].password_hash).toMatch(/^scrypt\$16384\$/);
    expect((await signIn('legacy', 'wrong', '192.0.2.30')).ok).toBe(false);
    expect((await ds.query('SELECT password_hash FROM account WHERE username = $1', ['legacy']))[0].password_hash).toMatch(/^scrypt\$16384\$/);
    expect((await signIn('legacy', PASSWORD, '192.0.2.30')).ok).toBe(true);
    expect((await ds.query('SELECT password_hash FROM account WHERE username = $1', ['legacy']))[0].password_hash).toMatch(/^scrypt\$N=131072,r=8,p=1\$/);
    expect((await signIn('legacy', PASSWORD, '192.0.2.30')).ok).toBe(true);
  });

  it('delays an attacker’s guesses but not the person signing in from elsewhere, and reveals nothing about the account', async () => {
    const attacker = '198.51.100.66';
    const t0 = new Date();
    let now = t0;
    const refused: { username: string; retryInMs: number }[] = [];
    for (const username of ['oncall', 'no-such-person']) {
      for (let i = 0; i < 6; i++) {
        const r = await signIn(username, `guess ${i}`, attacker, now);
        expect(r.ok).toBe(false);
        if (!r.ok && r.reason === 'throttled') {
          refused.push({ username, retryInMs: r.retryAt.getTime() - now.getTime() });
          break;
        }
        now = new Date(now.getTime() + 10);
      }
    }
    // Known and unknown usernames alike: three free failures, the fourth earns a delay, the fifth is told to wait.
    expect(refused.map((r) => r.username)).toEqual(['oncall', 'no-such-person']);
    for (const r of refused) expect(r.retryInMs).toBeGreaterThan(0);
    for (const r of refused) expect(r.retryInMs).toBeLessThanOrEqual(PER_USERNAME_AND_ADDRESS.capMs);
    // Even the right password from the attacker's address waits (the throttle cannot be probed for the password).
    const same = await signIn('oncall', PASSWORD, attacker, now);
    expect(same).toMatchObject({ ok: false, reason: 'throttled' });
    // The on-call manager, at their own address at the same moment, is not delayed at all.
    expect(await signIn('oncall', PASSWORD, '203.0.113.5', now)).toMatchObject({ ok: true });
    // And once the delay has passed, the attacker's address may try again (a delay, not a lockout).
    const later = new Date(now.getTime() + PER_USERNAME_AND_ADDRESS.capMs + 1_000);
    expect(await signIn('oncall', PASSWORD, attacker, later)).toMatchObject({ ok: true });
  });

  it('refuses a password for an account that has none, as for a wrong one', async () => {
    expect(await signIn('federated', '', '192.0.2.40')).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn('federated', 'null', '192.0.2.40')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('answers an unknown username, or an account without a password, in the same time as a known one (medians)', async () => {
    const time = async (username: string, address: string) => {
      const t = performance.now();
      const r = await signIn(username, 'not the password', address);
      expect(r).toEqual({ ok: false, reason: 'invalid' });
      return performance.now() - t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    const passwordless: number[] = [];
    await time('police', '192.0.2.99'); // warm up
    for (let i = 0; i < 7; i++) {
      // Interleaved, each from a fresh address, so drift in machine load falls on all alike and nothing is throttled.
      known.push(await time('police', `10.1.${i}.1`));
      unknown.push(await time(`nobody-${i}`, `10.2.${i}.1`));
      passwordless.push(await time('federated', `10.3.${i}.1`));
    }
    const [k, u, p] = [median(known), median(unknown), median(passwordless)];
    const close = (a: number, b: number) => Math.abs(a - b) / Math.max(a, b) < 0.25;
    expect({ k, u, p, unknownClose: close(k, u), passwordlessClose: close(k, p) }).toEqual({ k, u, p, unknownClose: true, passwordlessClose: true });
  });
});
