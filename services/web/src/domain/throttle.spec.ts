import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { admit, delayMs, failed, NO_FAILURES, PER_ADDRESS, PER_USERNAME_AND_ADDRESS, remembered, succeeded, type Failures, type ThrottleRule } from './throttle.js';

const T0 = new Date('2026-11-25T02:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const rule = fc.record({
  free: fc.integer({ min: 0, max: 30 }), baseMs: fc.integer({ min: 1, max: 10_000 }),
  capMs: fc.integer({ min: 1, max: 600_000 }), forgetAfterMs: fc.integer({ min: 1, max: 3_600_000 }),
});

describe('sign-in throttling', () => {
  it('never delays beyond the cap, and never less for more failures (any rule, any count)', () => {
    fc.assert(fc.property(rule, fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), (r, a, b) => {
      const [fewer, more] = a <= b ? [a, b] : [b, a];
      expect(delayMs(r, more)).toBeLessThanOrEqual(r.capMs);
      expect(delayMs(r, fewer)).toBeLessThanOrEqual(delayMs(r, more));
      expect(delayMs(r, fewer)).toBeGreaterThanOrEqual(0);
    }), { numRuns: 1_000 });
  });

  it('grows from the first failure past the free ones: 1 s, 2 s, 4 s … capped at 60 s for a username at an address', () => {
    const delays = Array.from({ length: 12 }, (_, i) => delayMs(PER_USERNAME_AND_ADDRESS, i + 1));
    expect(delays).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(delayMs(PER_ADDRESS, 20)).toBe(0);
    expect(delayMs(PER_ADDRESS, 21)).toBe(1_000);
    expect(delayMs(PER_ADDRESS, 1_000)).toBe(30_000);
  });

  it('after any run of failures, the next attempt is never kept waiting longer than the cap', () => {
    fc.assert(fc.property(rule, fc.array(fc.nat({ max: 120_000 }), { maxLength: 60 }), (r, gaps) => {
      let f: Failures = NO_FAILURES;
      let now = T0;
      for (const gap of gaps) {
        now = new Date(now.getTime() + gap);
        const a = admit(f, r, now);
        if (!a.admitted) {
          expect(a.retryAt.getTime() - now.getTime()).toBeLessThanOrEqual(r.capMs);
          continue;
        }
        f = failed(a.reserved, r, now);
        expect(f.notBefore === null || f.notBefore.getTime() - now.getTime() <= r.capMs).toBe(true);
      }
    }), { numRuns: 500 });
  });

  it('refuses an attempt during the delay, saying when to try again, and admits it once the delay has passed', () => {
    let f: Failures = NO_FAILURES;
    for (let i = 0; i < 4; i++) f = failed(f, PER_USERNAME_AND_ADDRESS, T0);
    expect(admit(f, PER_USERNAME_AND_ADDRESS, at(999))).toEqual({ admitted: false, retryAt: at(1_000) });
    expect(admit(f, PER_USERNAME_AND_ADDRESS, at(1_000)).admitted).toBe(true);
  });

  it('an admitted attempt reserves the delay it would earn, so parallel attempts cannot all slip in', () => {
    let f: Failures = NO_FAILURES;
    for (let i = 0; i < 3; i++) f = failed(f, PER_USERNAME_AND_ADDRESS, T0);
    const first = admit(f, PER_USERNAME_AND_ADDRESS, at(10));
    if (!first.admitted) throw new Error('the fourth attempt starts at once');
    expect(first.reserved.notBefore).toEqual(at(1_010));
    expect(admit(first.reserved, PER_USERNAME_AND_ADDRESS, at(20)).admitted).toBe(false);
  });

  it('forgets failures after a quiet period, and a success clears the person’s own count but not the address’s', () => {
    let f: Failures = NO_FAILURES;
    for (let i = 0; i < 25; i++) f = failed(f, PER_ADDRESS, T0);
    expect(remembered(f, PER_ADDRESS, at(PER_ADDRESS.forgetAfterMs - 1)).count).toBe(25);
    expect(remembered(f, PER_ADDRESS, at(PER_ADDRESS.forgetAfterMs))).toEqual(NO_FAILURES);
    expect(succeeded(f, PER_USERNAME_AND_ADDRESS, 'username-and-address')).toEqual(NO_FAILURES);
    const reserved = admit({ ...f, notBefore: null }, PER_ADDRESS, at(1));
    if (!reserved.admitted) throw new Error('admitted');
    expect(succeeded(reserved.reserved, PER_ADDRESS, 'address')).toEqual({ count: 25, lastAt: T0, notBefore: at(delayMs(PER_ADDRESS, 25)) });
  });

  it('counts a failure after a forgotten run as the first again', () => {
    const r: ThrottleRule = PER_USERNAME_AND_ADDRESS;
    let f: Failures = NO_FAILURES;
    for (let i = 0; i < 8; i++) f = failed(f, r, T0);
    expect(failed(f, r, at(r.forgetAfterMs + 60_000))).toEqual({ count: 1, lastAt: at(r.forgetAfterMs + 60_000), notBefore: null });
  });
});
