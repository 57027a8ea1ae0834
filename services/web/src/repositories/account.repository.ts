import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What signing in needs of an account. */
export interface AccountLogin {
  id: string;
  hash: string;
  failed: number;
  lockedUntil: Date | null;
}

/** Console accounts: the password hash and the lockout count. */
@Injectable()
export class AccountRepository {
  /** The account with this username, locked until the attempt is recorded (in the caller's transaction). */
  async forSignIn(em: EntityManager, username: string): Promise<AccountLogin | undefined> {
    const [account] = await em.query(
      `SELECT id, password_hash AS hash, failed_attempts AS failed, locked_until AS "lockedUntil" FROM account WHERE username = $1 FOR UPDATE`,
      [username],
    );
    return account;
  }

  async recordFailure(em: EntityManager, id: string, failedAttempts: number, lockedUntil: Date | null): Promise<void> {
    await em.query('UPDATE account SET failed_attempts = $2, locked_until = $3 WHERE id = $1', [id, failedAttempts, lockedUntil]);
  }

  async clearFailures(em: EntityManager, id: string): Promise<void> {
    await em.query('UPDATE account SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [id]);
  }
}
