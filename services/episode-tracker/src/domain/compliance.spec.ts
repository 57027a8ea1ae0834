import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY } from './default-policy.js';
import { complianceFigures, percentile, policeWithinSeconds, type AlertFacts, type EpisodeFacts, type TaskFacts } from './compliance.js';
import { loadPolicy } from './policy.js';

const H = 3_600_000;
const at = (iso: string, plusHours = 0) => new Date(new Date(iso).getTime() + plusHours * H);
const episode = (id: string, childId: string, discovered: string, hours: number | null, over: Partial<EpisodeFacts> = {}): EpisodeFacts => ({
  id, childId, discoveredAt: at(discovered), reportedAt: at(discovered, 0.1), returnedAt: hours === null ? null : at(discovered, hours),
  policeInformedAt: null, policeWithinSeconds: null, ...over,
});
const rhi = (episodeId: string, returned: Date, doneAfterHours: number | null, refused = false): TaskFacts => ({
  episodeId, kind: 'return-home-interview', dueAt: new Date(returned.getTime() + 72 * H), hardDueAt: null,
  completedAt: doneAfterHours === null ? null : new Date(returned.getTime() + doneAfterHours * H), refused,
});

describe('compliance figures', () => {
  it('interpolates percentiles like a spreadsheet', () => {
    expect(percentile([4, 2], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
  });

  it('takes the police time from the ladder: 15 minutes on T, an hour on S-medium, none on S-low', () => {
    const policy = loadPolicy(DEFAULT_POLICY);
    expect(policeWithinSeconds(policy, 'T')).toBe(900);
    expect(policeWithinSeconds(policy, 'S-medium')).toBe(3600);
    expect(policeWithinSeconds(policy, 'S-low')).toBeNull();
  });

  it('counts a return interview at 71 hours as in time and at 73 hours as late, per month of discovery', () => {
    const a = episode('a', 'c1', '2025-06-10T10:00:00Z', 10, { policeWithinSeconds: 900, policeInformedAt: at('2025-06-10T10:00:00Z', 0.2) });
    const b = episode('b', 'c1', '2025-06-20T10:00:00Z', 30, { policeWithinSeconds: 900, policeInformedAt: at('2025-06-20T10:00:00Z', 0.3) });
    const c = episode('c', 'c2', '2025-06-25T10:00:00Z', 20, { policeWithinSeconds: 3600 });
    const d = episode('d', 'c3', '2026-03-31T23:30:00Z', null); // 00:30 BST on 1 April: next year
    const tasks = [
      rhi('a', a.returnedAt!, 71), rhi('b', b.returnedAt!, 73), rhi('c', c.returnedAt!, 5, true),
      { episodeId: 'a', kind: 'strategy-meeting', dueAt: at('2025-06-10T22:59:59Z'), hardDueAt: at('2025-06-10T11:00:00Z', 24),
        completedAt: at('2025-06-10T11:00:00Z', 23), refused: false },
    ];
    const alerts: AlertFacts[] = [
      { episodeId: 'a', isOrigin: true, ackDeadline: at('2025-06-10T10:15:00Z'), acknowledgedAt: at('2025-06-10T10:05:00Z'), deliveredAt: at('2025-06-10T10:06:00Z') },
      { episodeId: 'a', isOrigin: false, ackDeadline: at('2025-06-10T10:40:00Z'), acknowledgedAt: null, deliveredAt: at('2025-06-10T10:06:00.250Z') },
      { episodeId: 'b', isOrigin: true, ackDeadline: at('2025-06-20T10:15:00Z'), acknowledgedAt: at('2025-06-20T10:20:00Z'), deliveredAt: at('2025-06-20T10:06:00.500Z') },
      { episodeId: 'c', isOrigin: true, ackDeadline: at('2027-01-01T00:00:00Z'), acknowledgedAt: null, deliveredAt: null }, // not yet due
    ];
    const { months, total } = complianceFigures('2025-26', [a, b, c, d], tasks, alerts, at('2026-05-01T00:00:00Z'));
    const june = months[2]!;
    expect(months.map((m) => m.episodes)).toEqual([0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(june).toEqual({
      month: '2025-06', episodes: 3, children: 2,
      durationHours: { median: 20, p90: 28 },
      returnInterviewsOffered: { due: 3, inTime: 2 },
      returnInterviewsDone: { due: 3, inTime: 1 },
      strategyMeetingsSameDay: { due: 1, inTime: 0 }, // held the next morning
      strategyMeetingsWithinLimit: { due: 1, inTime: 1 }, // but within 24 h
      alertsAcknowledged: { due: 2, inTime: 1 },
      policeInformed: { due: 3, inTime: 1 }, // a at 12 min of 15; b at 18 min; c never, an hour allowed
      reportToAlertSeconds: { median: 0.25, p95: 0.475 },
    });
    expect(total).toEqual({ ...june, month: '2025-26' });
  });
});
