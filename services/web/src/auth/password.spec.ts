import { describe, expect, it } from '@jest/globals';
import { afterFailure, hashPassword, verifyPassword } from './password.js';

describe('passwords', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('wrong', a)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('locks the account on the fifth failure in a row', () => {
    const now = new Date('2026-11-25T02:00:00Z');
    expect(afterFailure(3, now)).toEqual({ failedAttempts: 4, lockedUntil: null });
    expect(afterFailure(4, now)).toEqual({ failedAttempts: 5, lockedUntil: new Date('2026-11-25T02:15:00Z') });
  });
});
