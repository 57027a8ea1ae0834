import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A console account: one person, one role, one scope. Passwords are scrypt hashes; an account signed in through the
 * council's identity provider has none (its username is derived from the provider and subject, and its role, scope
 * and name are refreshed from the provider at each sign-in).
 */
@Entity({ name: 'account' })
export class AccountRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', unique: true }) username!: string;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column({ name: 'password_hash', type: 'text', nullable: true }) passwordHash!: string | null;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'scope_kind', type: 'text' }) scopeKind!: string;
  @Column({ name: 'scope_id', type: 'text' }) scopeId!: string;
}

/**
 * A signed-in session. The cookie holds the random id; the table only its SHA-256 (hex), so a copy of the table
 * cannot be replayed as a cookie. It ends `SESSION_IDLE_MINUTES` after the last request or at `expires_at`.
 */
@Entity({ name: 'session' })
@Index('session_account', ['accountId'])
export class SessionRow {
  @PrimaryColumn({ name: 'id_hash', type: 'text' }) idHash!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'csrf_token', type: 'text' }) csrfToken!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'last_seen_at', type: 'timestamptz' }) lastSeenAt!: Date;
  /** The absolute end: SESSION_ABSOLUTE_HOURS after signing in. */
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
}

/** Recent sign-in failures per key (`username-and-address:…` or `address:…`), for throttling (domain/throttle.ts). */
@Entity({ name: 'sign_in_failure' })
export class SignInFailureRow {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ type: 'int' }) count!: number;
  @Column({ name: 'last_at', type: 'timestamptz', nullable: true }) lastAt!: Date | null;
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true }) notBefore!: Date | null;
}

/**
 * A council sign-in under way: the PKCE verifier, state and nonce, kept here until the person comes back from the
 * identity provider (at most 10 minutes). The browser's cookie holds a random handle; the table only its
 * SHA-256. Taken (deleted) at the callback, so each attempt completes at most once.
 */
@Entity({ name: 'council_sign_in_attempt' })
export class CouncilSignInAttemptRow {
  @PrimaryColumn({ name: 'id_hash', type: 'text' }) idHash!: string;
  @Column({ type: 'text' }) state!: string;
  @Column({ type: 'text' }) nonce!: string;
  @Column({ name: 'code_verifier', type: 'text' }) codeVerifier!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
}

export const WEB_ENTITIES = [AccountRow, SessionRow, SignInFailureRow, CouncilSignInAttemptRow];
