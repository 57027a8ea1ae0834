import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { looksLikeSessionId } from '../auth/session-id.js';
import { cookieName, cookieOptions, readCookie } from './cookies.js';

const ID = 'a'.repeat(43);

describe('reading the console’s cookies', () => {
  it('finds its cookie among others, and says when it is absent', () => {
    expect(readCookie(`other=1; sg_session=${ID}; x=y`, 'sg_session', looksLikeSessionId)).toEqual({ kind: 'present', value: ID });
    expect(readCookie('other=1', 'sg_session', looksLikeSessionId)).toEqual({ kind: 'absent' });
    expect(readCookie(undefined, 'sg_session', looksLikeSessionId)).toEqual({ kind: 'absent' });
  });

  it('calls a value that does not decode, or is not of the shape written, malformed', () => {
    expect(readCookie('sg_session=%E0%A4%A', 'sg_session', looksLikeSessionId)).toEqual({ kind: 'malformed' });
    expect(readCookie('sg_session=short', 'sg_session', looksLikeSessionId)).toEqual({ kind: 'malformed' });
  });

  it('ignores other sites’ cookies on the same host, however they are written', () => {
    expect(readCookie('theirs=%E0%A4%A; sg_session=' + ID, 'sg_session', looksLikeSessionId)).toEqual({ kind: 'present', value: ID });
  });

  it('never throws, whatever the header', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (header) => {
      expect(['absent', 'malformed', 'present']).toContain(readCookie(header, 'sg_session', looksLikeSessionId).kind);
    }), { numRuns: 2_000 });
  });
});

describe('the console’s cookie names and options', () => {
  it('are __Host- and Secure over HTTPS, bare over local http; HttpOnly, Path=/, Strict unless Lax is asked for', () => {
    expect(cookieName({ COOKIE_SECURE: true }, 'sg_csrf')).toBe('__Host-sg_csrf');
    expect(cookieName({ COOKIE_SECURE: false }, 'sg_csrf')).toBe('sg_csrf');
    expect(cookieOptions({ COOKIE_SECURE: true })).toEqual({ httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
    expect(cookieOptions({ COOKIE_SECURE: false }, 'lax')).toEqual({ httpOnly: true, secure: false, sameSite: 'lax', path: '/' });
  });
});
