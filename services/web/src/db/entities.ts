import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A console account: one person, one role, one scope. Passwords are scrypt hashes. */
@Entity({ name: 'account' })
export class AccountRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', unique: true }) username!: string;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'scope_kind', type: 'text' }) scopeKind!: string;
  @Column({ name: 'scope_id', type: 'text' }) scopeId!: string;
  @Column({ name: 'failed_attempts', type: 'int', default: 0 }) failedAttempts!: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
}

/** A signed-in session; the cookie holds only its random id. */
@Entity({ name: 'session' })
@Index('session_account', ['accountId'])
export class SessionRow {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'csrf_token', type: 'text' }) csrfToken!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
}

export const WEB_ENTITIES = [AccountRow, SessionRow];
