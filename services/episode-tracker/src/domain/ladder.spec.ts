import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY } from './default-policy.js';
import { transition, TransitionRefused } from './episode.js';
import { escalationOf, flagsFrom, ladderFor, planRungs, rungApplies, stricter } from './ladder.js';
import { loadPolicy } from './policy.js';
import { endOfUkDay } from '@safeguard/contracts';
import { needsRepeatMeeting, strategyMeetingDue } from './tasks.js';

const policy = loadPolicy(DEFAULT_POLICY);
const DISCOVERED = new Date('2026-11-25T02:00:00Z');
const minutes = (plan: { rung: { key: string }; dueAt: Date }[]) =>
  Object.fromEntries(plan.map((p) => [p.rung.key, (p.dueAt.getTime() - DISCOVERED.getTime()) / 60_000]));

describe('episode state machine', () => {
  it('runs reported → open → located → returned → closed and refuses the rest', () => {
    expect(transition('reported', 'open')).toBe('open');
    expect(transition('open', 'located')).toBe('located');
    expect(transition('located', 'returned')).toBe('returned');
    expect(transition('returned', 'closed')).toBe('closed');
    expect(() => transition('closed', 'open')).toThrow(TransitionRefused);
    expect(() => transition('returned', 'open')).toThrow('an episode cannot go from returned to open');
  });
});

describe('ladders (domain §4)', () => {
  it('puts trafficked, UASC/separated and high on ladder T, others on S by level', () => {
    const none = { trafficked: false, uascOrSeparated: false };
    expect(ladderFor('low', { ...none, trafficked: true })).toBe('T');
    expect(ladderFor('low', { ...none, uascOrSeparated: true })).toBe('T');
    expect(ladderFor('high', none)).toBe('T');
    expect(ladderFor('medium', none)).toBe('S-medium');
    expect(ladderFor('low', none)).toBe('S-low');
    expect(ladderFor('very-low', none)).toBe('S-low');
    expect(flagsFrom(['trafficking-suspected-or-above'], [])).toEqual({ trafficked: true, uascOrSeparated: false });
    expect(flagsFrom([], [{ code: 'uasc-or-separated' }])).toEqual({ trafficked: false, uascOrSeparated: true });
  });

  it('never moves an open episode to a laxer ladder', () => {
    expect(stricter('S-low', 'T')).toBe('T');
    expect(stricter('T', 'S-medium')).toBe('T');
    expect(stricter('S-medium', 'S-low')).toBe('S-medium');
  });

  it('times ladder T from discovery: 0, 15, 30, 60 min, AD at once when high, else 4 h; 24, 48, 72 h, then weekly', () => {
    expect(minutes(planRungs(policy, 'T', DISCOVERED, 'high', new Set()))).toEqual({
      'duty-manager': 0, 'escalate-15m': 15, 'social-worker-15m': 15, 'police-liaison-30m': 30, 'strategy-meeting-1h': 60,
      'ictg-nrm-1h': 60, 'assistant-director': 0, 'director-24h': 1440, 'senior-management-48h': 2880, 'reconvene-72h': 4320,
      'weekly-review-1': 14400, 'weekly-review-2': 24480, 'weekly-review-3': 34560, 'weekly-review-4': 44640,
    });
    expect(minutes(planRungs(policy, 'T', DISCOVERED, 'medium', new Set()))['assistant-director']).toBe(240);
  });

  it('leaves fired rungs out, and S-high has no trafficking-only rows', () => {
    const plan = planRungs(policy, 'T', DISCOVERED, 'high', new Set(['duty-manager', 'escalate-15m']));
    expect(plan.map((p) => p.rung.key)).not.toContain('duty-manager');
    expect(policy.ladders['S-high'].map((r) => r.key)).not.toContain('ictg-nrm-1h');
  });

  it('times ladder S medium and low as domain §4', () => {
    expect(minutes(planRungs(policy, 'S-medium', DISCOVERED, 'medium', new Set()))).toEqual({
      'duty-manager': 0, 'police-liaison-1h': 60, 'team-manager-24h': 1440, 'service-manager-48h': 2880,
      'assistant-director-72h': 4320, 'director-7d': 10080,
    });
    expect(minutes(planRungs(policy, 'S-low', DISCOVERED, 'low', new Set()))).toEqual({
      'social-worker-same-day': 0, 'team-manager-24h': 1440, 'a-to-m-review-72h': 4320,
    });
  });

  it('applies conditional rungs only when their condition holds', () => {
    const [, escalate15] = policy.ladders.T;
    const ictg = policy.ladders.T.find((r) => r.key === 'ictg-nrm-1h')!;
    const flags = { trafficked: false, uascOrSeparated: true };
    expect(rungApplies(escalate15!, { flags, policeReference: null })).toBe(true);
    expect(rungApplies(escalate15!, { flags, policeReference: 'DF/123' })).toBe(false);
    expect(rungApplies(ictg, { flags, policeReference: null })).toBe(false);
    expect(rungApplies(ictg, { flags: { ...flags, trafficked: true }, policeReference: null })).toBe(true);
  });

  it('escalates an unacknowledged police liaison to the control-room inspector, others to the next rung', () => {
    expect(escalationOf(policy, 'T', 'police-liaison-30m')).toEqual({ audience: { role: 'control-room-inspector', scope: 'police-force' } });
    expect(escalationOf(policy, 'T', 'duty-manager')).toEqual({ nextRungKey: 'escalate-15m' });
    // The inspector ignoring it too moves on up the ladder, not back to the inspector.
    expect(escalationOf(policy, 'T', 'escalated:police-liaison-30m')).toEqual({ nextRungKey: 'strategy-meeting-1h' });
    expect(escalationOf(policy, 'T', 'breach-return-home-interview')).toEqual({});
  });

  it('refuses an invalid policy at start', () => {
    expect(() => loadPolicy({ ...DEFAULT_POLICY, renotifyAckWithinSeconds: 0 })).toThrow();
    const late = { ...DEFAULT_POLICY, ladders: { ...DEFAULT_POLICY.ladders, 'S-low': [{ ...DEFAULT_POLICY.ladders['S-low'][1] }] } };
    expect(() => loadPolicy(late)).toThrow(/first rung fires at discovery/);
  });
});

describe('statutory deadlines', () => {
  it('strategy meeting: same UK day, never past the 24 h hard limit', () => {
    const created = new Date('2026-11-25T15:00:00Z');
    expect(strategyMeetingDue(created, 86_400)).toEqual({
      dueAt: new Date('2026-11-25T23:59:59.999Z'), hardDueAt: new Date('2026-11-26T15:00:00Z'),
    });
    expect(strategyMeetingDue(created, 3_600).dueAt).toEqual(new Date('2026-11-25T16:00:00Z'));
  });

  it('end of the UK day in summer time is 22:59:59.999 UTC', () => {
    expect(endOfUkDay(new Date('2026-07-01T12:00:00Z'))).toEqual(new Date('2026-07-01T22:59:59.999Z'));
    expect(endOfUkDay(new Date('2026-07-01T23:30:00Z'))).toEqual(new Date('2026-07-02T22:59:59.999Z'));
  });

  it('repeat rule: 3 in 90 days, 2 in 30 days, or any second episode of a trafficked or UASC child', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const none = { trafficked: false, uascOrSeparated: false };
    expect(needsRepeatMeeting([daysAgo(60), daysAgo(80)], now, none)).toBe(true);
    expect(needsRepeatMeeting([daysAgo(60), daysAgo(100)], now, none)).toBe(false);
    expect(needsRepeatMeeting([daysAgo(29)], now, none)).toBe(true);
    expect(needsRepeatMeeting([daysAgo(31)], now, none)).toBe(false);
    expect(needsRepeatMeeting([daysAgo(300)], now, { ...none, trafficked: true })).toBe(true);
    expect(needsRepeatMeeting([], now, { trafficked: true, uascOrSeparated: true })).toBe(false);
  });
});
