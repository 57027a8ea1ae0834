import { createHash, randomBytes } from 'node:crypto';

/** A new session id: 256 random bits, base64url (what the cookie holds). */
export const newSessionId = (): string => randomBytes(32).toString('base64url');

/** A new CSRF token for a session's forms. */
export const newCsrfToken = (): string => randomBytes(24).toString('base64url');

/** What the database holds instead of the id: its SHA-256, so a read of the table cannot be replayed as a cookie. */
export const sessionIdHash = (sessionId: string): string => createHash('sha256').update(sessionId, 'utf8').digest('hex');

/** Whether a cookie value can be a session id at all (43 base64url characters); anything else is not looked up. */
export const looksLikeSessionId = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);

/** Whether a value can be a CSRF token the console issued (32 base64url characters). */
export const looksLikeCsrfToken = (value: string): boolean => /^[A-Za-z0-9_-]{32}$/.test(value);
