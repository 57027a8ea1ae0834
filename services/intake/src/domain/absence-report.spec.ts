import { describe, expect, it } from '@jest/globals';
import { AbsenceUpdateInput, episodeReference, newlyAdded, ReturnInput, timeProblems } from './absence-report.js';
import { access, type ChildPlacement } from './access.js';

const NOW = new Date('2026-11-25T03:00:00Z');
const child = { homeId: 'home-1', placingCouncil: 'C1', hostCouncil: 'C2' };
const mayReport = (who: Parameters<typeof access.may>[1], c: ChildPlacement) => access.may('child.report', who, c);

describe('absence report rules', () => {
  it('names fields whose times are in the future or out of order', () => {
    expect(timeProblems({ lastSeen: { at: '2026-11-25T01:00:00Z', where: 'x', by: 'y' }, discoveredAt: '2026-11-25T02:00:00Z' }, NOW)).toEqual([]);
    expect(timeProblems({ lastSeen: { at: '2026-11-25T02:00:00Z', where: 'x', by: 'y' }, discoveredAt: '2026-11-25T01:00:00Z' }, NOW))
      .toEqual([{ name: 'body.discoveredAt', reason: 'is before the child was last seen' }]);
    expect(timeProblems({ lastSeen: { at: '2026-11-25T04:00:00Z', where: 'x', by: 'y' }, discoveredAt: '2026-11-25T04:00:00Z' }, NOW))
      .toHaveLength(2);
  });

  it('lets staff of the child\'s home and the responsible councils report, nobody else', () => {
    expect(mayReport({ role: 'care-staff', scope: { kind: 'home', id: 'home-1' } }, child)).toBe(true);
    expect(mayReport({ role: 'care-staff', scope: { kind: 'home', id: 'home-2' } }, child)).toBe(false);
    expect(mayReport({ role: 'on-call-manager', scope: { kind: 'council', id: 'C2' } }, child)).toBe(true);
    expect(mayReport({ role: 'police-liaison-officer', scope: { kind: 'police-force', id: 'F' } }, child)).toBe(false);
  });

  it('formats references without personal data', () => {
    expect(episodeReference(2026, 42)).toBe('MFC-2026-000042');
  });

  it('takes regulation 40 events as an update, each added once', () => {
    expect(AbsenceUpdateInput.parse({ notifiableEvents: ['serious-police-incident'] })).toMatchObject({ notifiableEvents: ['serious-police-incident'], addCircumstances: [] });
    expect(AbsenceUpdateInput.safeParse({ notifiableEvents: [] }).success).toBe(false); // nothing to update
    expect(AbsenceUpdateInput.safeParse({ notifiableEvents: ['stolen-car'] }).error?.issues.map((i) => i.path.join('.'))).toEqual(['notifiableEvents.0']);
    expect(newlyAdded(['sexual-exploitation-suspected'], ['serious-police-incident', 'sexual-exploitation-suspected', 'serious-police-incident']))
      .toEqual(['serious-police-incident']);
    expect(newlyAdded(['new-phone'], ['new-phone'])).toEqual([]);
  });
});

describe('the return', () => {
  it('asks whether the child was harmed every time: an answer left out is refused naming it, never taken as no', () => {
    const back = { locatedAt: NOW.toISOString(), returnedAt: NOW.toISOString(), where: 'Bus station', by: 'PC', foundBy: 'police' };
    const missing = ReturnInput.safeParse(back);
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.path.join('.'))).toEqual(['harmDuringEpisode']);
    expect(ReturnInput.parse({ ...back, harmDuringEpisode: false }).harmDuringEpisode).toBe(false);
  });
});
