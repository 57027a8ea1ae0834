import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type createLogger } from '@safeguard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { looksLikeSessionId, newCsrfToken, newSessionId, sessionIdHash } from '../auth/session-id.js';
import type { WebConfig } from '../config.js';
import { throttledAddress } from '../domain/client-address.js';
import type { SignedIn, SignInResult } from '../domain/signed-in.js';
import { admit, failed, latest, PER_ADDRESS, PER_USERNAME_AND_ADDRESS, succeeded, type ThrottleRule } from '../domain/throttle.js';
import { AccountRepository } from '../repositories/account.repository.js';
import { SessionRepository } from '../repositories/session.repository.js';
import { SignInFailureRepository } from '../repositories/sign-in-failure.repository.js';
import { WEB_CONFIG } from '../tokens.js';

/** A password sign-in attempt as the sign-in form and the client's connection give it. */
export interface SignInAttempt {
  username: string;
  password: string;
  /** The client's address (req.ip, after TRUST_PROXY). */
  address: string | undefined;
  /** The browser's current session id, if it sent one: signing in ends it. */
  previousSessionId: string | undefined;
}

type Scope = 'username-and-address' | 'address';

/** Sign-in, throttling and sessions, all in PostgreSQL (no in-memory state: any replica can serve any request). */
@Injectable()
export class Sessions implements OnApplicationBootstrap, OnApplicationShutdown {
  private purging?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly failures: SignInFailureRepository,
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    @Inject(LOGGER) private readonly logger: ReturnType<typeof createLogger>,
  ) {}

  /**
   * Signs in with a password. Every refusal takes the time of a real check (an unknown username or an account without
   * a password is checked against a dummy hash) and says nothing of the account; repeated failures from an address,
   * or for a username from an address, are delayed (domain/throttle.ts), never locked out.
   */
  async signIn(attempt: SignInAttempt, now = new Date()): Promise<SignInResult> {
    const started = performance.now();
    const address = throttledAddress(attempt.address);
    const keys: Record<Scope, [string, ThrottleRule]> = {
      'username-and-address': [`username-and-address:${address} ${attempt.username.toLowerCase()}`, PER_USERNAME_AND_ADDRESS],
      address: [`address:${address}`, PER_ADDRESS],
    };
    const refusedUntil = await this.dataSource.transaction(async (em) => {
      const held = await this.failures.lock(em, Object.values(keys).map(([k]) => k));
      let retryAt: Date | undefined;
      const reserved = Object.values(keys).map(([key, rule]) => {
        const admission = admit(held.get(key)!, rule, now);
        if (!admission.admitted) retryAt = retryAt ? latest(retryAt, admission.retryAt) : admission.retryAt;
        return [key, admission.admitted ? admission.reserved : undefined] as const;
      });
      if (retryAt) return retryAt;
      for (const [key, f] of reserved) await this.failures.save(em, key, f!);
      return undefined;
    });
    if (refusedUntil) return { ok: false, reason: 'throttled', retryAt: refusedUntil };

    // The expensive check runs outside any transaction: no row is held while scrypt works.
    const account = await this.accounts.forSignIn(this.dataSource.manager, attempt.username);
    const check = await verifyPassword(attempt.password, account?.hash);
    const upgraded = check.outdated ? await hashPassword(attempt.password) : undefined;
    // A failure's delay runs from when the check finished, not when the attempt arrived.
    const done = new Date(now.getTime() + (performance.now() - started));

    return this.dataSource.transaction(async (em) => {
      const held = await this.failures.lock(em, Object.values(keys).map(([k]) => k));
      for (const [scope, [key, rule]] of Object.entries(keys) as [Scope, [string, ThrottleRule]][]) {
        await this.failures.save(em, key, check.ok ? succeeded(held.get(key)!, rule, scope) : failed(held.get(key)!, rule, done));
      }
      if (!check.ok || !account) return { ok: false, reason: 'invalid' } as const;
      if (upgraded && account.hash) await this.accounts.upgradeHash(em, account.id, account.hash, upgraded);
      return { ok: true, sessionId: await this.start(em, account.id, attempt.previousSessionId, now) } as const;
    });
  }

  /**
   * Starts a session for an account that has proven who it is (a password here, the council's identity provider in
   * oidc/). Ends the browser's previous session and every other session of the account: one live session per person.
   * Returns the id for the cookie; only its hash is stored.
   */
  async startFor(accountId: string, previousSessionId: string | undefined, now = new Date()): Promise<{ sessionId: string }> {
    return this.dataSource.transaction(async (em) => ({ sessionId: await this.start(em, accountId, previousSessionId, now) }));
  }

  private async start(em: EntityManager, accountId: string, previousSessionId: string | undefined, now: Date): Promise<string> {
    if (previousSessionId && looksLikeSessionId(previousSessionId)) await this.sessions.end(em, sessionIdHash(previousSessionId));
    await this.sessions.endForAccount(em, accountId);
    const sessionId = newSessionId();
    await this.sessions.create(em, {
      idHash: sessionIdHash(sessionId), accountId, csrfToken: newCsrfToken(), createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.SESSION_ABSOLUTE_HOURS * 3_600_000),
    });
    return sessionId;
  }

  /** The person signed in with this cookie value, if it names a live session; the request keeps the session alive. */
  async resolve(sessionId: string | undefined, now = new Date()): Promise<SignedIn | undefined> {
    if (!sessionId || !looksLikeSessionId(sessionId)) return undefined;
    const who = await this.sessions.touch(this.dataSource.manager, sessionIdHash(sessionId), now, this.idleSince(now));
    return who && { ...who, sessionId };
  }

  async signOut(sessionId: string): Promise<void> {
    if (looksLikeSessionId(sessionId)) await this.sessions.end(this.dataSource.manager, sessionIdHash(sessionId));
  }

  /** Deletes expired sessions and sign-in failures no longer remembered. */
  async purge(now = new Date()): Promise<{ sessions: number; failures: number }> {
    const forgetAfter = Math.max(PER_ADDRESS.forgetAfterMs, PER_USERNAME_AND_ADDRESS.forgetAfterMs);
    return {
      sessions: await this.sessions.purge(this.dataSource.manager, now, this.idleSince(now)),
      failures: await this.failures.purge(this.dataSource.manager, now, new Date(now.getTime() - forgetAfter)),
    };
  }

  /** Readiness: the console's own database answers. */
  async ready(): Promise<void> {
    await this.sessions.ping(this.dataSource.manager);
  }

  onApplicationBootstrap(): void {
    // Any replica may purge; the deletes are idempotent. A failed purge is retried on the next tick.
    this.purging = setInterval(() => void this.purge().catch((e: Error) => this.logger.warn({ error: e.name }, 'session purge failed; retried next tick')),
      this.config.SESSION_PURGE_MINUTES * 60_000);
    this.purging.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purging);
  }

  private idleSince(now: Date): Date {
    return new Date(now.getTime() - this.config.SESSION_IDLE_MINUTES * 60_000);
  }
}
