import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { afterFailure, verifyPassword } from '../auth/password.js';
import type { WebConfig } from '../config.js';
import type { SignedIn, SignInResult } from '../domain/signed-in.js';
import { AccountRepository } from '../repositories/account.repository.js';
import { SessionRepository } from '../repositories/session.repository.js';
import { WEB_CONFIG } from '../tokens.js';

/** Accounts, lockout and sessions, all in PostgreSQL (no in-memory state: any replica can serve any request). */
@Injectable()
export class Sessions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
  ) {}

  async signIn(username: string, password: string, now = new Date()): Promise<SignInResult> {
    return this.dataSource.transaction(async (em) => {
      const a = await this.accounts.forSignIn(em, username);
      if (!a) return { ok: false, reason: 'invalid' };
      if (a.lockedUntil && new Date(a.lockedUntil) > now) return { ok: false, reason: 'locked' };
      if (!(await verifyPassword(password, a.hash))) {
        const next = afterFailure(a.lockedUntil ? 0 : a.failed, now);
        await this.accounts.recordFailure(em, a.id, next.failedAttempts, next.lockedUntil);
        return { ok: false, reason: next.lockedUntil ? 'locked' : 'invalid' };
      }
      await this.accounts.clearFailures(em, a.id);
      const sessionId = randomBytes(32).toString('base64url');
      await this.sessions.create(em, {
        id: sessionId, accountId: a.id, csrfToken: randomBytes(24).toString('base64url'),
        expiresAt: new Date(now.getTime() + this.config.SESSION_MINUTES * 60_000),
      });
      return { ok: true, sessionId };
    });
  }

  async resolve(sessionId: string | undefined): Promise<SignedIn | undefined> {
    if (!sessionId || sessionId.length > 100) return undefined;
    return this.sessions.signedIn(this.dataSource.manager, sessionId);
  }

  async signOut(sessionId: string): Promise<void> {
    await this.sessions.delete(this.dataSource.manager, sessionId);
  }

  /** Readiness: the console's own database answers. */
  async ready(): Promise<void> {
    await this.sessions.ping(this.dataSource.manager);
  }
}
