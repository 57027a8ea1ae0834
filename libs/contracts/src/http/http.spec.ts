import { describe, expect, it } from '@jest/globals';
import { EpisodeTrackerHttp, IntakeHttp } from '../index.js';

const EPISODE = '6f1c9a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const CHILD = '6f1c9a52-7d1e-4c1a-9a39-0c1f6a9e0002';
const ALERT = '6f1c9a52-7d1e-4c1a-9a39-0c1f6a9e0003';

/** An episode as the tracker serves it (JSON, so instants are strings), with fields the console does not read. */
const served = {
  id: EPISODE, reference: 'MFC-2026-000001', childId: CHILD, homeId: CHILD, placingCouncil: 'DEMO-COUNCIL', state: 'open',
  classification: 'M', level: 'high', provisional: false, ladder: 'T', policeReference: null,
  discoveredAt: '2026-03-01T22:15:00.000Z', openedAt: '2026-03-01T22:16:00.000Z', returnedAt: null, missingForMinutes: 95,
  factors: [{ code: 'night-time', points: 2 }], overrides: ['trafficking-suspected-or-above'], policyVersion: 'default-1',
  timeline: [{ at: '2026-03-01T22:16:00.000Z', what: 'opened', who: 'system', why: 'absence reported' }],
  alerts: [{
    id: ALERT, episodeId: EPISODE, originAlertId: ALERT, purpose: 'step', stepKey: 'at-once', role: 'home-duty-manager', scopeKind: 'home',
    scopeId: CHILD, ask: 'acknowledge', escalatedFrom: null, missed: null, level: 'high', attempt: 1, requestedAt: '2026-03-01T22:16:00.000Z',
    ackDeadline: '2026-03-01T22:31:00.000Z', acknowledgedAt: null, acknowledgedBy: null, policeReference: null, deliveryState: 'delivered',
  }],
  tasks: [{
    id: ALERT, episodeId: EPISODE, kind: 'strategy-meeting', state: 'open', dueAt: '2026-03-01T23:59:00.000Z', hardDueAt: null,
    invitees: ['police'], outcome: null, breachedAt: null, attempts: 0, mayComplete: true, notifiableEvent: null,
  }],
};

describe('the HTTP answers the console reads', () => {
  it("keeps the fields it reads and lets a service add others", () => {
    const e = EpisodeTrackerHttp.EpisodeDetail.parse(served);
    expect(e.alerts[0]).not.toHaveProperty('purpose');
    expect(e).not.toHaveProperty('placingCouncil');
    expect(e.tasks[0]!.kind).toBe('strategy-meeting');
    expect(e.timeline[0]!.at).toBe('2026-03-01T22:16:00.000Z');
  });

  it('fails on a drifted answer, naming the field', () => {
    const drifted = { ...served, tasks: [{ ...served.tasks[0], kind: 'tea-and-biscuits' }], alerts: [{ ...served.alerts[0], attempt: '1' }] };
    const r = EpisodeTrackerHttp.EpisodeDetail.safeParse(drifted);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['alerts.0.attempt', 'tasks.0.kind']);
    const { discoveredAt: _gone, ...noDiscovery } = served;
    expect(EpisodeTrackerHttp.EpisodeDetail.safeParse(noDiscovery).error!.issues[0]!.path).toEqual(['discoveredAt']);
  });

  it('reads the insight answers with their fixed shapes', () => {
    const named = { childId: CHILD, CHILD: 'SY0001', childName: 'Synthetic1 Child' };
    const patterns = {
      council: 'DEMO-COUNCIL', year: '2025-26', episodes: 1, children: 1,
      hourByWeekday: Array.from({ length: 7 }, () => Array<number>(24).fill(0)),
      repeats: [{ ...named, total: 1, byMonth: Array<number>(12).fill(0) }],
      places: { lastSeen: [{ place: 'Bus station', episodes: 1, children: 1 }], found: [] },
      links: [{ kind: 'found-at-same-place', children: [named, named], episodes: ['MFC-2025-900001'], detail: 'Bus station' }],
    };
    expect(IntakeHttp.Patterns.parse(patterns).links[0]!.children[1].CHILD).toBe('SY0001');
    expect(IntakeHttp.Patterns.safeParse({ ...patterns, hourByWeekday: patterns.hourByWeekday.slice(1) }).success).toBe(false);
  });
});
