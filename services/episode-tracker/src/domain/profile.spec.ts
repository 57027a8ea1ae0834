import { describe, expect, it } from '@jest/globals';
import { flagsAt, profileFacts } from './profile.js';

const child = (dateOfBirth: string, status: 'none' | 'suspected' | 'nrm-referred' | 'negative' = 'none') =>
  profileFacts({ profileVersion: 1, trafficking: { status }, uasc: false, separated: false, dateOfBirth, hostCouncil: 'HOST' });

describe('what the tracker keeps of a profile', () => {
  it('knows when a child turns 13, including one born on 29 February (1 March in a common year)', () => {
    expect(child('2013-06-15').thirteenthBirthday).toBe('2026-06-15');
    expect(child('2012-02-29').thirteenthBirthday).toBe('2025-03-01');
    expect(flagsAt(child('2013-06-15'), new Date('2026-06-14T23:00:00Z')).under13).toBe(true);
    expect(flagsAt(child('2013-06-15'), new Date('2026-06-15T00:00:00Z')).under13).toBe(false);
  });

  it('reads trafficking statuses as flags: suspected or above is trafficked; a referral exists from nrm-referred', () => {
    expect(child('2010-01-01', 'suspected').flags).toMatchObject({ trafficked: true, nrmReferred: false });
    expect(child('2010-01-01', 'nrm-referred').flags).toMatchObject({ trafficked: true, nrmReferred: true });
    expect(child('2010-01-01', 'negative').flags).toMatchObject({ trafficked: false, nrmReferred: false });
  });
});
