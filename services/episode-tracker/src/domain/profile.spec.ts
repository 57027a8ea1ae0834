import { describe, expect, it } from '@jest/globals';
import { flagsAt, openingProfile, profileFacts } from './profile.js';

type Status = 'none' | 'suspected' | 'nrm-referred' | 'negative';
const v1 = (dateOfBirth: string, status: Status = 'none') =>
  profileFacts({ profileVersion: 1, trafficking: { status }, uasc: false, separated: false, dateOfBirth, hostCouncil: 'HOST' });
const v2 = (traffickingStatus: Status = 'none', uasc = false) =>
  profileFacts({ profileVersion: 2, traffickingStatus, uasc, separated: false, hostCouncil: 'HOST' });
const at = (iso: string) => new Date(iso);

describe('what the tracker keeps of a profile', () => {
  it('knows when a child turns 13 only from a v1 profile, including one born on 29 February (1 March in a common year)', () => {
    expect(v1('2013-06-15').thirteenthBirthday).toBe('2026-06-15');
    expect(v1('2012-02-29').thirteenthBirthday).toBe('2025-03-01');
    expect(flagsAt(v1('2013-06-15'), at('2026-06-14T23:00:00Z')).under13).toBe(true);
    expect(flagsAt(v1('2013-06-15'), at('2026-06-15T00:00:00Z')).under13).toBe(false);
    expect(v2().thirteenthBirthday).toBeNull();
    expect(flagsAt(v2(), at('2026-06-15T00:00:00Z')).under13).toBe(false);
  });

  it('reads trafficking statuses as flags, from either version: suspected or above is trafficked; a referral exists from nrm-referred', () => {
    for (const make of [(s: Status) => v1('2010-01-01', s), (s: Status) => v2(s)]) {
      expect(make('suspected').flags).toMatchObject({ trafficked: true, nrmReferred: false });
      expect(make('nrm-referred').flags).toMatchObject({ trafficked: true, nrmReferred: true });
      expect(make('negative').flags).toMatchObject({ trafficked: false, nrmReferred: false });
    }
    expect(v2('none', true).flags.uascOrSeparated).toBe(true);
  });
});

describe('what an episode opens with', () => {
  const discovered = at('2026-06-14T12:00:00Z');

  it('takes under 13 from the report\'s age at discovery (v2), whatever a v1 profile said', () => {
    expect(openingProfile(v2(), 12, discovered)).toEqual({ flags: expect.objectContaining({ under13: true }), hostCouncil: 'HOST' });
    expect(openingProfile(v2(), 13, discovered)?.flags.under13).toBe(false);
    expect(openingProfile(v1('2000-01-01'), 12, discovered)?.flags.under13).toBe(true);
  });

  it('works a v1 report\'s age out from a v1 profile, and opens as an unknown profile when nothing tells the age', () => {
    expect(openingProfile(v1('2013-06-15'), undefined, discovered)?.flags.under13).toBe(true);
    expect(openingProfile(v1('2013-06-13'), undefined, discovered)?.flags.under13).toBe(false);
    expect(openingProfile(v2('suspected'), undefined, discovered)).toBeNull();
  });
});
