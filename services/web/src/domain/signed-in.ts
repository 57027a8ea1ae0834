import type { Role, Scope } from '@safeguard/contracts';

/** The person a session belongs to, as every page and every call to a service sees them. */
export interface SignedIn {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  sessionId: string;
  csrfToken: string;
}

export type SignInResult = { ok: true; sessionId: string } | { ok: false; reason: 'invalid' | 'locked' };
