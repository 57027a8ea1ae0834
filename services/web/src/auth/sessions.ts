import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterFailure, verifyPassword } from './password.js';

export interface SignedIn {
  accountId: string;
  username: string;
  displayName: string;
  role: string;
  scope: { kind: string; id: string };
  sessionId: string;
  csrfToken: string;
}

export type SignInResult = { ok: true; sessionId: string } | { ok: false; reason: 'invalid' | 'locked' };

/** Accounts, lockout and sessions, all in PostgreSQL (no in-memory state: any replica can serve any request). */
export class Sessions {
  constructor(private readonly ds: DataSource, private readonly minutes: number) {}

  async signIn(username: string, password: string, now = new Date()): Promise<SignInResult> {
    return this.ds.transaction(async (em) => {
      const [a] = await em.query(
        `SELECT id, password_hash AS hash, failed_attempts AS failed, locked_until AS "lockedUntil" FROM account WHERE username = $1 FOR UPDATE`,
        [username],
      );
      if (!a) return { ok: false, reason: 'invalid' };
      if (a.lockedUntil && new Date(a.lockedUntil) > now) return { ok: false, reason: 'locked' };
      if (!(await verifyPassword(password, a.hash))) {
        const next = afterFailure(a.lockedUntil ? 0 : a.failed, now);
        await em.query('UPDATE account SET failed_attempts = $2, locked_until = $3 WHERE id = $1', [a.id, next.failedAttempts, next.lockedUntil]);
        return { ok: false, reason: next.lockedUntil ? 'locked' : 'invalid' };
      }
      await em.query('UPDATE account SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [a.id]);
      const sessionId = randomBytes(32).toString('base64url');
      await em.query('INSERT INTO session (id, account_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [
        sessionId, a.id, randomBytes(24).toString('base64url'), new Date(now.getTime() + this.minutes * 60_000),
      ]);
      return { ok: true, sessionId };
    });
  }

  async resolve(sessionId: string | undefined): Promise<SignedIn | undefined> {
    if (!sessionId || sessionId.length > 100) return undefined;
    const [row] = await this.ds.query(
      `SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken", a.id AS "accountId", a.username, a.display_name AS "displayName",
              a.role, a.scope_kind AS "scopeKind", a.scope_id AS "scopeId"
         FROM session s JOIN account a ON a.id = s.account_id WHERE s.id = $1 AND s.expires_at > now()`,
      [sessionId],
    );
    if (!row) return undefined;
    return { ...row, scope: { kind: row.scopeKind, id: row.scopeId } };
  }

  async signOut(sessionId: string): Promise<void> {
    await this.ds.query('DELETE FROM session WHERE id = $1', [sessionId]);
  }
}
