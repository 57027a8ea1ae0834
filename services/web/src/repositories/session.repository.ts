import { Injectable } from '@nestjs/common';
import type { Role, Scope } from '@safeguard/contracts';
import type { EntityManager } from 'typeorm';
import type { SignedIn } from '../domain/signed-in.js';

/** Signed-in sessions, each with its account, found by the SHA-256 of the cookie's id (never the id itself). */
@Injectable()
export class SessionRepository {
  async create(em: EntityManager, s: { idHash: string; accountId: string; csrfToken: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await em.query('INSERT INTO session (id_hash, account_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)',
      [s.idHash, s.accountId, s.csrfToken, s.createdAt, s.expiresAt]);
  }

  /**
   * The person signed in with this session if it is still live at `now` (seen since `idleSince`, before its absolute
   * end); the request counts as activity.
   */
  async touch(em: EntityManager, idHash: string, now: Date, idleSince: Date): Promise<Omit<SignedIn, 'sessionId'> | undefined> {
    const [rows] = await em.query(
      `UPDATE session s SET last_seen_at = $2 FROM account a
        WHERE a.id = s.account_id AND s.id_hash = $1 AND s.last_seen_at > $3 AND s.expires_at > $2
       RETURNING s.csrf_token AS "csrfToken", a.id AS "accountId", a.username, a.display_name AS "displayName",
                 a.role, a.scope_kind AS "scopeKind", a.scope_id AS "scopeId"`,
      [idHash, now, idleSince],
    ) as [Record<string, string>[], number];
    const row = rows[0];
    if (!row) return undefined;
    const { scopeKind, scopeId, role, ...rest } = row as unknown as Omit<SignedIn, 'role' | 'scope' | 'sessionId'>
      & { role: Role; scopeKind: Scope['kind']; scopeId: string };
    return { ...rest, role, scope: { kind: scopeKind, id: scopeId } };
  }

  async end(em: EntityManager, idHash: string): Promise<void> {
    await em.query('DELETE FROM session WHERE id_hash = $1', [idHash]);
  }

  /** Ends every session of an account (a new sign-in leaves one live session per person). */
  async endForAccount(em: EntityManager, accountId: string): Promise<number> {
    const [, count] = await em.query('DELETE FROM session WHERE account_id = $1', [accountId]) as [unknown, number];
    return count;
  }

  /** Deletes sessions idle since `idleSince` or past their absolute end; returns how many. */
  async purge(em: EntityManager, now: Date, idleSince: Date): Promise<number> {
    const [, count] = await em.query('DELETE FROM session WHERE expires_at <= $1 OR last_seen_at <= $2', [now, idleSince]) as [unknown, number];
    return count;
  }

  /** Whether the console's database answers (readiness). */
  async ping(em: EntityManager): Promise<void> {
    await em.query('SELECT 1');
  }
}
