import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Role, Scope } from '@safeguard/contracts';
import type { EntityManager } from 'typeorm';

/** A person as the council's identity provider and the role map describe them at this sign-in. */
export interface FederatedAccount {
  /** Derived from the provider's issuer and the person's subject there (oidc/subject.ts). */
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
}

/** Accounts of people who sign in through the council's identity provider: no password, refreshed at each sign-in. */
@Injectable()
export class FederatedAccountRepository {
  /**
   * Creates the account, or refreshes its name, role and scope; returns its id. Only ever touches an account without
   * a password, so a federated username can never take over a local account.
   */
  async refresh(em: EntityManager, a: FederatedAccount): Promise<string | undefined> {
    const [row] = await em.query(
      `INSERT INTO account (id, username, display_name, password_hash, role, scope_kind, scope_id) VALUES ($1, $2, $3, NULL, $4, $5, $6)
       ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
         scope_kind = EXCLUDED.scope_kind, scope_id = EXCLUDED.scope_id
       WHERE account.password_hash IS NULL
       RETURNING id`,
      [randomUUID(), a.username, a.displayName, a.role, a.scope.kind, a.scope.id],
    ) as { id: string }[];
    return row?.id;
  }

  /** The id of the federated account with this username, if the person has signed in before. */
  async idOf(em: EntityManager, username: string): Promise<string | undefined> {
    const [row] = await em.query('SELECT id FROM account WHERE username = $1 AND password_hash IS NULL', [username]) as { id: string }[];
    return row?.id;
  }
}
