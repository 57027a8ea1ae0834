import { describe, expect, it } from '@jest/globals';
import { CURRENT, hashPassword, verifyPassword } from './password.js';

describe('passwords', () => {
  it('hashes with scrypt at OWASP’s current parameters (N=2^17, r=8, p=1), a fresh salt each time', async () => {
    expect(CURRENT).toEqual({ N: 131_072, r: 8, p: 1 });
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$N=131072,r=8,p=1\$[\w-]{22}\$[\w-]{86}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toEqual({ ok: true, outdated: false });
    expect(await verifyPassword('wrong', a)).toEqual({ ok: false, outdated: false });
  });

  it('still accepts a hash with the old parameters, and says it is outdated only when the password is right', async () => {
    const old = (await hashPassword('correct horse battery', { N: 16_384, r: 8, p: 1 })).replace('N=16384,r=8,p=1', '16384');
    expect(old).toMatch(/^scrypt\$16384\$/); // the first format, as stored before
    expect(await verifyPassword('correct horse battery', old)).toEqual({ ok: true, outdated: true });
    expect(await verifyPassword('wrong', old)).toEqual({ ok: false, outdated: false });
  });

  it('fails, after the same work, with no hash or one it cannot use', async () => {
    for (const stored of [null, 'md5$abc', 'scrypt$3$c2FsdA$a2V5', 'scrypt$N=4194304,r=8,p=1$c2FsdA$a2V5', 'scrypt$16384$a$b$c']) {
      expect(await verifyPassword('anything', stored)).toEqual({ ok: false, outdated: false });
    }
  });

  it('takes as long for no hash as for a real one (the dummy runs the same derivation)', async () => {
    const real = await hashPassword('correct horse battery');
    const time = async (stored: string | null) => {
      const t = performance.now();
      await verifyPassword('wrong', stored);
      return performance.now() - t;
    };
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const none: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(real));
      none.push(await time(null));
    }
    expect(Math.abs(median(known) - median(none)) / median(known)).toBeLessThan(0.5);
  });
});
