import { describe, expect, it } from '@jest/globals';
import type { AccessDenied } from '@safeguard/platform/policy';
import { access } from './access.js';
import { CareCeasedInput, careCeasedProblems } from './care-ceased.js';

const child = { homeId: 'home-1', placingCouncil: 'PLACING', hostCouncil: 'HOST' };
const verdict = (role: string, kind: 'home' | 'council', id: string, subject: typeof child | null = child) => {
  try {
    access.assert('child.cease-care', { role, scope: { kind, id } } as never, subject ?? undefined);
    return { allowed: true };
  } catch (e) {
    return (e as AccessDenied).verdict;
  }
};

describe('recording that a child ceased to be looked after', () => {
  it('takes a day and one of the DfE reasons, never X1 (a move is recorded by moving the child)', () => {
    expect(CareCeasedInput.safeParse({ on: '2025-12-01', reason: 'E4A' }).success).toBe(true);
    expect(CareCeasedInput.safeParse({ on: '2025-12-01', reason: 'X1' }).error!.issues[0]!.path).toEqual(['reason']);
    expect(CareCeasedInput.safeParse({ on: '01/12/2025', reason: 'E8' }).error!.issues[0]!.path).toEqual(['on']);
  });

  it('ends the current placement on or after the day it began, and not in the future', () => {
    const current = { startedOn: '2025-06-01' };
    expect(careCeasedProblems(current, { on: '2025-06-01', reason: 'E8' }, '2025-07-01')).toEqual([]);
    expect(careCeasedProblems(current, { on: '2025-07-01', reason: 'E8' }, '2025-07-01')).toEqual([]);
    expect(careCeasedProblems(current, { on: '2025-05-31', reason: 'E8' }, '2025-07-01').map((p) => p.name)).toEqual(['body.on']);
    expect(careCeasedProblems(current, { on: '2025-07-02', reason: 'E8' }, '2025-07-01').map((p) => p.reason)).toEqual(['is in the future: record it on the day']);
  });

  it('is for the placing council\'s staff only: refused to the home and the host council, hidden from everyone else', () => {
    expect(verdict('social-worker', 'council', 'PLACING')).toEqual({ allowed: true });
    expect(verdict('team-manager', 'council', 'PLACING')).toEqual({ allowed: true });
    expect(verdict('care-staff', 'home', 'home-1')).toMatchObject({ allowed: false, hidden: false });
    expect(verdict('social-worker', 'council', 'HOST')).toMatchObject({ allowed: false, hidden: false });
    expect(verdict('social-worker', 'council', 'ELSEWHERE')).toMatchObject({ allowed: false, hidden: true });
    expect(verdict('social-worker', 'council', 'PLACING', null)).toMatchObject({ allowed: false, hidden: true });
  });
});
