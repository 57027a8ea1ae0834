import { describe, expect, it } from '@jest/globals';
import { hourByWeekday, links, placeKey, places, repeatsByChild, type AbsenceFacts } from './patterns.js';

let n = 0;
const absence = (over: Partial<AbsenceFacts>): AbsenceFacts => ({
  episodeId: `e${++n}`, reference: `MFC-${n}`, childId: 'c1', homeId: 'h1', lastSeenAt: new Date('2025-06-02T20:00:00Z'),
  returnedAt: new Date('2025-06-03T08:00:00Z'), lastSeenWhere: 'High Street', foundWhere: `Place ${n}`, ...over,
});
const NOW = new Date('2026-04-01T00:00:00Z');

describe('prevention patterns', () => {
  it('counts episodes by UK hour and weekday of last seen', () => {
    const grid = hourByWeekday([absence({}), absence({ lastSeenAt: new Date('2025-12-07T23:10:00Z') })]);
    expect(grid[0]![21]).toBe(1); // Monday 2 June 2025, 21:00 BST
    expect(grid[6]![23]).toBe(1); // Sunday 7 December 2025, 23:10 GMT
    expect(grid.flat().reduce((s, v) => s + v, 0)).toBe(2);
  });

  it('shows repeat episodes per child by month of the collection year', () => {
    const r = repeatsByChild([
      absence({ childId: 'c2' }), absence({ childId: 'c2', lastSeenAt: new Date('2026-03-31T23:30:00Z') }),
      absence({ childId: 'c1', lastSeenAt: new Date('2025-04-01T10:00:00Z') }),
    ], '2025-26');
    expect(r).toEqual([
      { childId: 'c1', total: 1, byMonth: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      { childId: 'c2', total: 1, byMonth: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    ]); // 22:30 UTC on 31 March 2026 is 1 April in the UK: the next year's return
  });

  it('groups places as recorded, ignoring case and punctuation', () => {
    expect(placeKey('  High St. ')).toBe(placeKey('high st'));
    const p = places([absence({ lastSeenWhere: 'High St.' }), absence({ childId: 'c2', lastSeenWhere: 'high st' }), absence({ lastSeenWhere: 'Park' })]);
    expect(p.lastSeen).toEqual([{ place: 'High St.', episodes: 2, children: 2 }, { place: 'Park', episodes: 1, children: 1 }]);
  });

  it('ends a still-open episode where it is told to, so one long absence does not link every later one', () => {
    const open = absence({ childId: 'a', lastSeenAt: new Date('2026-03-01T10:00:00Z'), returnedAt: null });
    const later = absence({ childId: 'b', lastSeenAt: new Date('2026-05-01T10:00:00Z') });
    expect(links([open, later], [], new Date('2026-03-31T23:00:00Z'))).toEqual([]);
    expect(links([open, later], [], new Date('2026-06-01T00:00:00Z')).map((l) => l.kind)).toEqual(['missing-together']);
  });

  it('links children missing together from one home, found at one unusual place, or sharing an associate\'s phone, and nothing else', () => {
    const a = absence({ childId: 'a', homeId: 'h1', lastSeenAt: new Date('2025-07-01T10:00:00Z'), returnedAt: new Date('2025-07-01T20:00:00Z') });
    const b = absence({ childId: 'b', homeId: 'h1', lastSeenAt: new Date('2025-07-01T19:00:00Z'), returnedAt: new Date('2025-07-02T01:00:00Z') });
    const otherHome = absence({ childId: 'c', homeId: 'h2', lastSeenAt: new Date('2025-07-01T11:00:00Z') });
    const afterReturn = absence({ childId: 'd', homeId: 'h1', lastSeenAt: new Date('2025-07-02T01:00:00Z') });
    const foundX = absence({ childId: 'e', foundWhere: 'Bus station, Leeds', lastSeenAt: new Date('2025-09-01T10:00:00Z') });
    const foundY = absence({ childId: 'f', foundWhere: 'bus station leeds', lastSeenAt: new Date('2025-10-01T10:00:00Z') });
    const routineX = absence({ childId: 'j', foundWhere: 'Police station', lastSeenAt: new Date('2025-11-01T10:00:00Z') });
    const routineY = absence({ childId: 'k', foundWhere: 'police station', lastSeenAt: new Date('2025-12-01T10:00:00Z') });
    const found = links([a, b, otherHome, afterReturn, foundX, foundY, routineX, routineY], [
      { childId: 'g', associates: [{ name: 'Uncle K', phone: '+44 7700 900123' }] },
      { childId: 'h', associates: [{ name: 'Someone else', phone: '07700900123' }] },
      { childId: 'i', associates: [{ name: 'Mum' }] },
      { childId: 'l', associates: [{ name: 'Mum' }] },
    ], NOW);
    expect(found.map((l) => [l.kind, l.children])).toEqual([
      ['found-at-same-place', ['e', 'f']],
      ['missing-together', ['a', 'b']],
      ['shared-associate', ['g', 'h']],
    ]);
    expect(found[0]!.detail).toBe('Bus station, Leeds');
    expect(found[2]!.detail).toBe('an associate with the same phone number'); // the pack's content is never shown
  });
});
