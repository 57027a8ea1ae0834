import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type createLogger } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { displayNameFrom, roleFor } from '../domain/council-roles.js';
import { CouncilProvider } from '../oidc/council-provider.js';
import { attemptHandleHash, federatedUsername, looksLikeAttemptHandle, newAttemptHandle, subjectHash } from '../oidc/subject.js';
import { CouncilSignInAttemptRepository } from '../repositories/council-sign-in-attempt.repository.js';
import { FederatedAccountRepository } from '../repositories/federated-account.repository.js';
import { SessionRepository } from '../repositories/session.repository.js';
import { Sessions } from './sessions.js';

/** How long a person has at the identity provider before the attempt is forgotten. */
export const ATTEMPT_MINUTES = 10;

/**
 * How a council sign-in ended. `refused` (the provider said no) and `no-role` (the role map names none of the
 * person's groups) are shown the same page: the person learns nothing about the mapping. `not-completed` is an answer
 * that does not belong to an attempt of this browser (tampered, replayed, expired) or fails a check.
 */
export type CouncilSignInResult =
  | { ok: true; sessionId: string }
  | { ok: false; reason: 'refused' | 'no-role' | 'not-completed' | 'unavailable' };

type Logger = ReturnType<typeof createLogger>;

/** Council sign-in (OpenID Connect): starts an attempt, and completes it into an account and a session. */
@Injectable()
export class CouncilSignIn {
  constructor(
    private readonly dataSource: DataSource,
    private readonly attempts: CouncilSignInAttemptRepository,
    private readonly accounts: FederatedAccountRepository,
    private readonly sessionRows: SessionRepository,
    private readonly sessions: Sessions,
    private readonly provider: CouncilProvider,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get enabled(): boolean {
    return this.provider.settings !== undefined;
  }

  /** The council's name for the sign-in button. */
  get councilName(): string | undefined {
    return this.provider.settings?.displayName;
  }

  /**
   * Starts an attempt: its PKCE verifier, state and nonce are kept in the database under the SHA-256 of a random
   * handle, which goes to the browser in a cookie. Returns the handle and where to send the person.
   */
  async begin(now = new Date()): Promise<{ ok: true; handle: string; redirectTo: URL } | { ok: false; reason: 'unavailable' }> {
    const checks = this.provider.newChecks();
    let redirectTo: URL;
    try {
      redirectTo = await this.provider.authorisationUrl(checks);
    } catch (e) {
      this.logger.warn({ error: (e as Error).name }, 'council sign-in: the identity provider is not answering');
      return { ok: false, reason: 'unavailable' };
    }
    const handle = newAttemptHandle();
    await this.dataSource.transaction((em) =>
      this.attempts.save(em, attemptHandleHash(handle), checks, new Date(now.getTime() + ATTEMPT_MINUTES * 60_000), now));
    return { ok: true, handle, redirectTo };
  }

  /**
   * Completes the attempt named by the browser's cookie with the provider's answer (the callback's query). The attempt
   * is taken first, in its own statement, so it is used once whatever happens next; the code exchange runs outside
   * any transaction; then the account is created or refreshed and a session started.
   */
  async complete(handle: string | undefined, callback: URLSearchParams, previousSessionId: string | undefined, now = new Date()): Promise<CouncilSignInResult> {
    const checks = handle && looksLikeAttemptHandle(handle)
      ? await this.attempts.take(this.dataSource.manager, attemptHandleHash(handle), now) : undefined;
    if (!checks) {
      this.logger.warn({ signIn: 'no-attempt' }, 'council sign-in not completed: no attempt of this browser is waiting');
      return { ok: false, reason: 'not-completed' };
    }
    const answer = await this.provider.answer(callback, checks);
    switch (answer.kind) {
      case 'refused':
        this.logger.info({ signIn: 'refused' }, 'council sign-in refused by the identity provider');
        return { ok: false, reason: 'refused' };
      case 'invalid':
        this.logger.warn({ signIn: 'invalid', why: answer.why }, 'council sign-in not completed: the answer failed a check');
        return { ok: false, reason: 'not-completed' };
      case 'unavailable':
        this.logger.warn({ signIn: 'unavailable', why: answer.why }, 'council sign-in: the identity provider is not answering');
        return { ok: false, reason: 'unavailable' };
      case 'signed-in':
        break;
    }
    const subject = subjectHash(answer.issuer, answer.subject);
    const username = federatedUsername(answer.issuer, answer.subject);
    const grant = roleFor(answer.claims, this.provider.settings!.roleMap, this.provider.settings!.groupsClaim);
    if (!grant) {
      // Someone who had a role and lost it at the council keeps no session here.
      const ended = await this.dataSource.transaction(async (em) => {
        const id = await this.accounts.idOf(em, username);
        return id ? this.sessionRows.endForAccount(em, id) : 0;
      });
      this.logger.warn({ signIn: 'no-role', subject, sessionsEnded: ended }, 'council sign-in refused: no role for this person\'s groups');
      return { ok: false, reason: 'no-role' };
    }
    const accountId = await this.dataSource.transaction((em) =>
      this.accounts.refresh(em, { username, displayName: displayNameFrom(answer.claims), role: grant.role, scope: grant.scope }));
    if (!accountId) {
      this.logger.error({ signIn: 'username-taken', subject }, 'council sign-in refused: a local account holds this username');
      return { ok: false, reason: 'no-role' };
    }
    const { sessionId } = await this.sessions.startFor(accountId, previousSessionId, now);
    this.logger.info({ signIn: 'signed-in', subject, role: grant.role, scopeKind: grant.scope.kind, scopeId: grant.scope.id }, 'council sign-in');
    return { ok: true, sessionId };
  }
}
