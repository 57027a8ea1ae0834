import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dropDatabase, ensureDatabase, openDatabase } from '@safeguard/platform';
import { isolation, testInfrastructure, type Infrastructure } from '@safeguard/testing';
import type { DataSource } from 'typeorm';
import { DATABASE } from '../src/db/database.js';
import { attemptHandleHash, federatedUsername, newAttemptHandle } from '../src/oidc/subject.js';
import { CouncilSignInAttemptRepository } from '../src/repositories/council-sign-in-attempt.repository.js';
import { FederatedAccountRepository } from '../src/repositories/federated-account.repository.js';

/** Council sign-in's storage on real PostgreSQL: attempts used once and only in time; federated accounts kept apart. */
const MINUTE = 60_000;
const checks = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-1' };

describe('council sign-in storage on PostgreSQL', () => {
  let infra: Infrastructure;
  let url: string;
  let ds: DataSource;
  const attempts = new CouncilSignInAttemptRepository();
  const accounts = new FederatedAccountRepository();
  const attemptRows = async () => Number((await ds.query('SELECT count(*) AS n FROM council_sign_in_attempt'))[0].n);

  beforeAll(async () => {
    infra = await testInfrastructure();
    url = isolation('webcouncil').database(infra.postgresUrl, 'web');
    await ensureDatabase(url);
    ds = await openDatabase({ ...DATABASE, url });
  });

  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(url).catch(() => undefined);
    await infra?.stop();
  });

  it('an attempt is taken once: the second callback finds nothing, and only the hash of the handle is stored', async () => {
    const now = new Date();
    const handle = newAttemptHandle();
    await attempts.save(ds.manager, attemptHandleHash(handle), checks, new Date(now.getTime() + 10 * MINUTE), now);
    const [row] = await ds.query('SELECT id_hash FROM council_sign_in_attempt');
    expect(row.id_hash).toBe(attemptHandleHash(handle));
    expect(row.id_hash).not.toContain(handle);
    expect(await attempts.take(ds.manager, attemptHandleHash(handle), now)).toEqual(checks);
    expect(await attempts.take(ds.manager, attemptHandleHash(handle), now)).toBeUndefined();
    expect(await attemptRows()).toBe(0);
  });

  it('an attempt past its time is not given back, and is gone; a new attempt clears out the expired ones', async () => {
    const start = new Date();
    const late = newAttemptHandle();
    await attempts.save(ds.manager, attemptHandleHash(late), checks, new Date(start.getTime() + 10 * MINUTE), start);
    expect(await attempts.take(ds.manager, attemptHandleHash(late), new Date(start.getTime() + 11 * MINUTE))).toBeUndefined();
    expect(await attemptRows()).toBe(0);

    const forgotten = newAttemptHandle();
    await attempts.save(ds.manager, attemptHandleHash(forgotten), checks, new Date(start.getTime() + 10 * MINUTE), start);
    const later = new Date(start.getTime() + 20 * MINUTE);
    await attempts.save(ds.manager, attemptHandleHash(newAttemptHandle()), checks, new Date(later.getTime() + 10 * MINUTE), later);
    expect(await attemptRows()).toBe(1);
    expect(await attempts.take(ds.manager, attemptHandleHash(forgotten), start)).toBeUndefined();
  });

  it('a federated account is created without a password, then refreshed in place at each sign-in', async () => {
    const username = federatedUsername('https://login.council.example', 'subject-1');
    const scope = { kind: 'council', id: 'DEMO-COUNCIL' } as const;
    const id = await accounts.refresh(ds.manager, { username, displayName: 'Dee Manager', role: 'team-manager', scope });
    expect(await accounts.idOf(ds.manager, username)).toBe(id);
    const again = await accounts.refresh(ds.manager, { username, displayName: 'Dee Okafor', role: 'on-call-manager', scope });
    expect(again).toBe(id);
    expect(await ds.query('SELECT display_name, role, password_hash FROM account WHERE username = $1', [username]))
      .toEqual([{ display_name: 'Dee Okafor', role: 'on-call-manager', password_hash: null }]);
  });

  it('never touches an account that has a password, whatever its username', async () => {
    const username = federatedUsername('https://login.council.example', 'subject-2');
    await ds.query(`INSERT INTO account (id, username, display_name, password_hash, role, scope_kind, scope_id)
                    VALUES ($1, $2, 'Local', 'scrypt$…', 'care-staff', 'home', 'OAK')`, [randomUUID(), username]);
    expect(await accounts.refresh(ds.manager, { username, displayName: 'Intruder', role: 'director', scope: { kind: 'council', id: 'C' } })).toBeUndefined();
    expect(await accounts.idOf(ds.manager, username)).toBeUndefined();
    expect(await ds.query('SELECT display_name, role FROM account WHERE username = $1', [username])).toEqual([{ display_name: 'Local', role: 'care-staff' }]);
  });
});
