import { describe, expect, it } from '@jest/globals';
import { deriveFacts, type ChildProfile, type History } from './facts.js';
import { FACTS, loadRuleset, type Fact } from './ruleset.js';
import { RULESET_V1 } from './ruleset.v1.js';
import { score } from './scorer.js';

const ruleset = loadRuleset(RULESET_V1);
const none = Object.fromEntries(FACTS.map((f) => [f, false])) as Record<Fact, boolean>;
const facts = (...on: Fact[]) => ({ ...none, ...Object.fromEntries(on.map((f) => [f, true])) });

const NOW = new Date('2026-11-25T03:00:00Z');
const profile = (over: Partial<ChildProfile> = {}): ChildProfile => ({
  dateOfBirth: '2010-06-01', ageAssessment: 'not-required', placementStart: '2026-01-01', accommodation: 'childrens-home',
  traffickingStatus: 'none', uasc: false, separated: false, concerns: [], ...over,
});
const noHistory: History = { episodesInLast30Days: 0, episodesInLast90Days: 0, harmInPreviousEpisode: false, previousEpisodes: 0 };
const episode = (hoursAgo = 0, circumstances: string[] = []) => ({
  discoveredAt: new Date(NOW.getTime() - hoursAgo * 3_600_000), circumstances,
});

describe('screening score (docs/domain.md §6)', () => {
  it('rejects an invalid ruleset at start', () => {
    expect(() => loadRuleset({ ...RULESET_V1, thresholds: { high: 20, medium: 40 } })).toThrow(/high threshold/);
    expect(() => loadRuleset({ ...RULESET_V1, points: [{ code: 'x', fact: 'nationality', points: 10 }] })).toThrow();
  });

  it('39 points is medium, 40 is high; 19 is low, 20 is medium (v1 thresholds)', () => {
    // v1 weights are multiples of 5, so the edges are exercised with single-rule weights on the v1 thresholds.
    const edge = (points: number) =>
      score(loadRuleset({ ...RULESET_V1, points: [{ code: 'night-time', fact: 'nightTime', points }] }), facts('nightTime'));
    expect([edge(39).level, edge(40).level, edge(19).level, edge(20).level]).toEqual(['medium', 'high', 'low', 'medium']);
    // And with real v1 weights: 35 medium, 40 high, 15 low, 20 medium.
    expect(score(ruleset, facts('uascOrSeparated', 'aged13To15', 'missingIdOrDisputedAge'))).toMatchObject({ score: 35, level: 'medium' });
    expect(score(ruleset, facts('uascOrSeparated', 'placementUnder7Days', 'nightTime'))).toMatchObject({ score: 40, level: 'high' });
    expect(score(ruleset, facts('placementUnder7Days'))).toMatchObject({ score: 15, level: 'low' });
    expect(score(ruleset, facts('aged13To15', 'nightTime', 'badWeather'))).toMatchObject({ score: 20, level: 'medium' });
  });

  it('caps night, weather and clothing together at 10', () => {
    const s = score(ruleset, facts('nightTime', 'badWeather', 'unsuitableClothing'));
    expect(s.score).toBe(10);
    expect(s.factors).toEqual([{ code: 'night-time', points: 5 }, { code: 'bad-weather', points: 5 }]);
  });

  it('an override lifts any score to high and is named', () => {
    const s = score(ruleset, facts('traffickedOrSuspected'));
    expect(s).toMatchObject({ level: 'high', score: 0, overrides: ['trafficking-suspected-or-above'], rulesetVersion: 'v1' });
  });

  it('a police grade is a floor the screening never lowers', () => {
    expect(score(ruleset, facts(), 'high').level).toBe('high');
    expect(score(ruleset, facts('uascOrSeparated'), 'low').level).toBe('medium');
  });

  it('trafficked 15-year-old on her second day of placement: high by override', () => {
    const f = deriveFacts(profile({ dateOfBirth: '2011-01-10', traffickingStatus: 'suspected', placementStart: '2026-11-24' }),
      episode(), noHistory, NOW);
    const s = score(ruleset, f);
    expect(s.level).toBe('high');
    expect(s.overrides).toContain('trafficking-suspected-or-above');
    expect(s.factors.map((x) => x.code)).toEqual(expect.arrayContaining(['placement-under-7-days', 'aged-13-to-15']));
  });

  it('UASC boy four months after arrival with an unknown-adult phone contact: 20 + 15 + 10 (first) = high', () => {
    const f = deriveFacts(profile({ dateOfBirth: '2009-09-09', uasc: true, separated: true, arrivalDate: '2026-07-25' }),
      episode(0, ['contact-from-unknown-adults']), noHistory, NOW);
    const s = score(ruleset, f);
    expect(s.overrides).toEqual([]);
    expect([s.score, s.level]).toEqual([45, 'high']);
  });

  it('12-year-old first episode: high by the under-13 override', () => {
    const s = score(ruleset, deriveFacts(profile({ dateOfBirth: '2014-02-01' }), episode(), noHistory, NOW));
    expect(s.overrides).toEqual(['under-13']);
  });

  it('missing over 24 h adds 10, over 72 h adds 20 instead; exactly 72 h is still the 24 h band', () => {
    const at = (h: number) => deriveFacts(profile(), episode(h), { ...noHistory, previousEpisodes: 1 }, NOW);
    expect(at(24)).toMatchObject({ missingOver24h: false, missingOver72h: false });
    expect(at(24.01)).toMatchObject({ missingOver24h: true, missingOver72h: false });
    expect(at(72)).toMatchObject({ missingOver24h: true, missingOver72h: false });
    expect(at(72.01)).toMatchObject({ missingOver24h: false, missingOver72h: true });
  });

  it('never derives a fact from nationality, ethnicity or religion', () => {
    expect(FACTS.some((f) => /nation|ethnic|relig/i.test(f))).toBe(false);
  });
});

describe('the age that counts: at discovery, from the report', () => {
  const { dateOfBirth: _, ...withoutBirth } = profile();
  const discovered = (ageAtDiscovery: number | null, hoursAgo = 0) => ({ ...episode(hoursAgo), ageAtDiscovery });

  it('takes the report\'s age at discovery; a v2 profile has no date of birth to take it from', () => {
    expect(deriveFacts(withoutBirth, discovered(12), noHistory, NOW)).toMatchObject({ under13: true, aged13To15: false });
    expect(deriveFacts(withoutBirth, discovered(13), noHistory, NOW)).toMatchObject({ under13: false, aged13To15: true });
    expect(deriveFacts(withoutBirth, discovered(16), noHistory, NOW)).toMatchObject({ under13: false, aged13To15: false });
    // The report's age wins over a date of birth kept from a v1 profile.
    expect(deriveFacts(profile({ dateOfBirth: '2010-06-01' }), discovered(12), noHistory, NOW).under13).toBe(true);
  });

  it('keeps the age at discovery for the whole episode: a 13th birthday during it does not lift the override at 72 h', () => {
    // Discovered 80 h before NOW, three days before the 13th birthday (v1 report: age worked out at discovery).
    const v1 = deriveFacts(profile({ dateOfBirth: '2013-11-24' }), episode(80), noHistory, NOW);
    expect(v1).toMatchObject({ under13: true, missingOver72h: true });
    expect(deriveFacts(withoutBirth, discovered(12, 80), noHistory, NOW).under13).toBe(true);
  });

  it('weighs no age at all when neither the report nor the profile gives one (a v1 report after a v2 profile)', () => {
    expect(deriveFacts(withoutBirth, discovered(null), noHistory, NOW)).toMatchObject({ under13: false, aged13To15: false });
  });
});
