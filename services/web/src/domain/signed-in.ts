import type { Role, Scope } from '@safeguard/contracts';

/** The person a session belongs to, as every page and every call to a service sees them. */
export interface SignedIn {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  /** The session's id as the cookie holds it (kept in memory for this request only; the table has its hash). */
  sessionId: string;
  csrfToken: string;
}

/**
 * A password sign-in's outcome. A refusal never says whether the username exists or has a password: `invalid` for a
 * wrong password, an unknown username or an account without a password alike; `throttled` with when to try again.
 */
export type SignInResult =
  | { ok: true; sessionId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAt: Date };
