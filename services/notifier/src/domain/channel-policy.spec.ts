import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { RiskLevel } from '@safeguard/contracts';
import { channelsFor } from './channel-policy.js';
import { afterFailure } from './delivery.js';
import { isNight, parseNightHours } from './night-hours.js';

const both = { email: true, sms: true };

describe('channel policy', () => {
  it('high level or night: text and email at once; otherwise email first, and a text too on the re-send', () => {
    expect(channelsFor({ level: 'high', attempt: 1, night: false, contacts: both })).toEqual(['sms', 'email']);
    expect(channelsFor({ level: 'low', attempt: 1, night: true, contacts: both })).toEqual(['sms', 'email']);
    expect(channelsFor({ level: 'medium', attempt: 1, night: false, contacts: both })).toEqual(['email']);
    expect(channelsFor({ level: 'medium', attempt: 2, night: false, contacts: both })).toEqual(['sms', 'email']);
  });

  it('a person with any contact is always tried, and only on channels they have', () => {
    fc.assert(fc.property(fc.constantFrom(...RiskLevel.options), fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.boolean(), fc.boolean(), (level, attempt, night, email, sms) => {
      const chosen = channelsFor({ level, attempt, night, contacts: { email, sms } });
      expect(chosen.length > 0).toBe(email || sms);
      expect(chosen.every((c) => (c === 'email' ? email : sms))).toBe(true);
    }));
  });

  it('after a failure: the other channel at once; none left and all failed is a gap; otherwise wait', () => {
    expect(afterFailure([{ channel: 'email', state: 'failed' }], both)).toEqual({ kind: 'retry-on', channel: 'sms' });
    expect(afterFailure([{ channel: 'sms', state: 'failed' }], both)).toEqual({ kind: 'retry-on', channel: 'email' });
    expect(afterFailure([{ channel: 'sms', state: 'failed' }, { channel: 'email', state: 'sent' }], both)).toEqual({ kind: 'wait' });
    expect(afterFailure([{ channel: 'sms', state: 'failed' }, { channel: 'email', state: 'failed' }], both)).toEqual({ kind: 'unreachable' });
    expect(afterFailure([{ channel: 'email', state: 'failed' }], { email: true, sms: false })).toEqual({ kind: 'unreachable' });
  });

  it('night hours are read in UK time, across midnight and across the clock change', () => {
    const night = parseNightHours('22:00-07:00')!;
    expect(isNight(new Date('2026-12-06T02:00:00Z'), night)).toBe(true); // GMT
    expect(isNight(new Date('2026-12-06T12:00:00Z'), night)).toBe(false);
    expect(isNight(new Date('2026-07-01T21:30:00Z'), night)).toBe(true); // 22:30 BST
    expect(isNight(new Date('2026-07-01T06:30:00Z'), night)).toBe(false); // 07:30 BST
    expect(isNight(new Date('2026-07-01T12:00:00Z'), parseNightHours('09:00-17:00')!)).toBe(true);
    expect(parseNightHours('25:00-07:00')).toBeUndefined();
    expect(parseNightHours('22:00')).toBeUndefined();
  });
});
