import { describe, expect, it } from '@jest/globals';
import { flagsAt, openingProfile, profileFacts, type ProfileEvent } from './profile.js';

type Status = 'none' | 'suspected' | 'nrm-referred' | 'negative';
type Placement = Pick<ProfileEvent, 'accommodation' | 'concerns'>;
const FOSTERED: Placement = { accommodation: 'foster-care', concerns: [] };
const v1 = (dateOfBirth: string, status: Status = 'none', placement = FOSTERED) =>
  profileFacts({ profileVersion: 1, trafficking: { status }, uasc: false, separated: false, dateOfBirth, hostCouncil: 'HOST', ...placement });
const v2 = (traffickingStatus: Status = 'none', uasc = false, placement = FOSTERED) =>
  profileFacts({ profileVersion: 2, traffickingStatus, uasc, separated: false, hostCouncil: 'HOST', ...placement });
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

  it('keeps the accommodation as its code and, of the concerns, only sexual exploitation, as a flag (regulation 40)', () => {
    const home = v2('none', false, { accommodation: 'childrens-home', concerns: ['mental-health', 'sexual-exploitation'] });
    expect(home).toMatchObject({ accommodation: 'childrens-home', flags: { sexualExploitation: true } });
    expect(home).not.toHaveProperty('concerns');
    expect(flagsAt(home, at('2026-06-15T00:00:00Z'))).toMatchObject({ childrensHome: true, sexualExploitation: true });
    expect(v1('2010-01-01', 'none', { accommodation: 'childrens-home', concerns: ['criminal-exploitation'] }).flags.sexualExploitation).toBe(false);
    // Supported accommodation is regulated, but it is not a children's home: regulation 40 is the Children's Homes Regulations'.
    for (const accommodation of ['supported-accommodation', 'foster-care', 'unregulated'] as const) {
      expect(flagsAt(v2('none', false, { accommodation, concerns: [] }), at('2026-06-15T00:00:00Z')).childrensHome).toBe(false);
    }
  });

  it('reads a profile stored before the accommodation was kept as not known to be a children\'s home', () => {
    const old = { ...v2(), accommodation: null };
    expect(flagsAt(old, at('2026-06-15T00:00:00Z')).childrensHome).toBe(false);
  });
});

describe('what an episode opens with', () => {
  const discovered = at('2026-06-14T12:00:00Z');

  it('takes under 13 from the report\'s age at discovery (v2), whatever a v1 profile said', () => {
    expect(openingProfile(v2(), 12, discovered)).toEqual({ flags: expect.objectContaining({ under13: true }), hostCouncil: 'HOST' });
    expect(openingProfile(v2(), 13, discovered)?.flags.under13).toBe(false);
    expect(openingProfile(v1('2000-01-01'), 12, discovered)?.flags.under13).toBe(true);
    expect(openingProfile(v2('none', false, { accommodation: 'childrens-home', concerns: [] }), 15, discovered)?.flags.childrensHome).toBe(true);
  });

  it('works a v1 report\'s age out from a v1 profile, and opens as an unknown profile when nothing tells the age', () => {
    expect(openingProfile(v1('2013-06-15'), undefined, discovered)?.flags.under13).toBe(true);
    expect(openingProfile(v1('2013-06-13'), undefined, discovered)?.flags.under13).toBe(false);
    expect(openingProfile(v2('suspected'), undefined, discovered)).toBeNull();
  });
});
