import { describe, expect, it } from '@jest/globals';
import { ukMobile } from './domain/contact.js';
import { DEMO_PEOPLE } from './demo-data.js';

describe('the demo directory', () => {
  it('gives everyone a valid UK mobile, none of them one GOV.UK Notify treats as a test number', () => {
    for (const p of DEMO_PEOPLE) {
      expect(ukMobile(p.mobile)).toBe(p.mobile);
      // 900000, 900111 and 900222 are accepted and never reported; 900002 and 900003 always fail.
      expect(p.mobile).not.toMatch(/7700900(000|111|222|002|003)$/);
    }
    expect(new Set(DEMO_PEOPLE.map((p) => p.mobile)).size).toBe(DEMO_PEOPLE.length);
  });
});
