import { Injectable } from '@nestjs/common';
import type { Role, Scope } from '@safeguard/contracts';
import type { EntityManager } from 'typeorm';
import type { SignedIn } from '../domain/signed-in.js';

/** Signed-in sessions, each with its account; the cookie holds only the session's random id. */
@Injectable()
export class SessionRepository {
  async create(em: EntityManager, s: { id: string; accountId: string; csrfToken: string; expiresAt: Date }): Promise<void> {
    await em.query('INSERT INTO session (id, account_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [s.id, s.accountId, s.csrfToken, s.expiresAt]);
  }

  /** The person signed in with this session, while it has not expired. */
  async signedIn(em: EntityManager, sessionId: string): Promise<SignedIn | undefined> {
    const [row] = await em.query(
      `SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken", a.id AS "accountId", a.username, a.display_name AS "displayName",
              a.role, a.scope_kind AS "scopeKind", a.scope_id AS "scopeId"
         FROM session s JOIN account a ON a.id = s.account_id WHERE s.id = $1 AND s.expires_at > now()`,
      [sessionId],
    );
    if (!row) return undefined;
    const { scopeKind, scopeId, role, ...rest } = row as Omit<SignedIn, 'role' | 'scope'> & { role: Role; scopeKind: Scope['kind']; scopeId: string };
    return { ...rest, role, scope: { kind: scopeKind, id: scopeId } };
  }

  async delete(em: EntityManager, sessionId: string): Promise<void> {
    await em.query('DELETE FROM session WHERE id = $1', [sessionId]);
  }

  /** Whether the console's database answers (readiness). */
  async ping(em: EntityManager): Promise<void> {
    await em.query('SELECT 1');
  }
}
