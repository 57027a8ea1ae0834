import { describe, expect, it } from '@jest/globals';
import { placementChangeProblems } from './child.js';

describe('placement changes', () => {
  const now = { homeId: 'h1', placementStart: '2025-05-01' };
  it('needs a later start date when the child moves home', () => {
    expect(placementChangeProblems(now, { homeId: 'h2', placementStart: '2025-05-01' }).map((p) => p.name)).toEqual(['body.placementStart']);
    expect(placementChangeProblems(now, { homeId: 'h2', placementStart: '2025-09-10' })).toEqual([]);
  });
  it('lets a start date of the same placement be corrected', () => {
    expect(placementChangeProblems(now, { homeId: 'h1', placementStart: '2025-04-20' })).toEqual([]);
  });
});
