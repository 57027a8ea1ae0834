import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What signing in with a password needs of an account. */
export interface AccountLogin {
  id: string;
  /** Null for an account that signs in only through the council's identity provider. */
  hash: string | null;
}

/** Console accounts: the password hash. */
@Injectable()
export class AccountRepository {
  async forSignIn(em: EntityManager, username: string): Promise<AccountLogin | undefined> {
    const [account] = await em.query('SELECT id, password_hash AS hash FROM account WHERE username = $1', [username]);
    return account;
  }

  /** Replaces a hash made with older parameters, only if it is still the one that was checked. */
  async upgradeHash(em: EntityManager, id: string, checked: string, hash: string): Promise<void> {
    await em.query('UPDATE account SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [id, checked, hash]);
  }
}
