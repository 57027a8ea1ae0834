import { createHash, randomBytes } from 'node:crypto';

/**
 * A person at the council's identity provider, pseudonymised: SHA-256 of the issuer and their subject there. It is
 * what logs name (never the subject itself, which some providers make an email address) and the account's username.
 */
export const subjectHash = (issuer: string, subject: string): string =>
  createHash('sha256').update(`${issuer}\n${subject}`, 'utf8').digest('base64url').slice(0, 32);

/** The account's username; the prefix sets it apart from local usernames (and the repository never touches an account with a password). */
export const federatedUsername = (issuer: string, subject: string): string => `oidc:${subjectHash(issuer, subject)}`;

/** A sign-in attempt's handle (what its cookie holds): 256 random bits, base64url. */
export const newAttemptHandle = (): string => randomBytes(32).toString('base64url');
export const looksLikeAttemptHandle = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
export const attemptHandleHash = (handle: string): string => createHash('sha256').update(handle, 'utf8').digest('hex');
