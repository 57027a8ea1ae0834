import { describe, expect, it } from '@jest/globals';
import { CollectionYear, collectionYearBounds, collectionYearMonths, collectionYearOf, ukClock } from './calendar.js';

describe('collection years and UK days', () => {
  it('runs a collection year from 1 April to 31 March and accepts only consecutive years', () => {
    expect(collectionYearBounds('2025-26')).toEqual({ start: '2025-04-01', end: '2026-03-31' });
    expect(collectionYearOf('2026-03-31')).toBe('2025-26');
    expect(collectionYearOf('2026-04-01')).toBe('2026-27');
    expect(collectionYearOf('2099-12-31')).toBe('2099-00');
    expect(CollectionYear.safeParse('2025-26').success).toBe(true);
    expect(CollectionYear.safeParse('2025-27').success).toBe(false);
    expect(CollectionYear.safeParse('2025').success).toBe(false);
    expect(collectionYearMonths('2025-26')).toEqual([
      '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
    ]);
  });

  it('reads instants on the UK clock, in summer and in winter', () => {
    // 23:30 UTC on 31 March 2026 is 00:30 BST on 1 April: the next collection year, a Wednesday.
    expect(ukClock(new Date('2026-03-31T23:30:00Z'))).toEqual({ day: '2026-04-01', month: '2026-04', hour: 0, weekday: 2 });
    expect(ukClock(new Date('2026-01-05T23:30:00Z'))).toEqual({ day: '2026-01-05', month: '2026-01', hour: 23, weekday: 0 });
  });
});
