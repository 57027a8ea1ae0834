import { describe, expect, it } from '@jest/globals';
import type { RiskLevel } from '@safeguard/contracts';
import { deriveFacts, type ChildProfile, type History } from './facts.js';
import { loadRuleset } from './ruleset.js';
import { RULESET_V1 } from './ruleset.v1.js';
import { score } from './scorer.js';

/** Golden scenarios: each a real-world situation with the level and factors docs/domain.md §6 (v1) says it should get. */
interface Scenario {
  name: string;
  rule: string;
  profile?: Partial<ChildProfile>;
  circumstances?: string[];
  history?: Partial<History>;
  hoursMissing?: number;
  policeGrade?: RiskLevel;
  level: RiskLevel;
  score: number;
  factors: string[];
  overrides?: string[];
}

const NOW = new Date('2026-11-25T03:00:00Z');
const BASE: ChildProfile = {
  dateOfBirth: '2010-06-01', ageAssessment: 'not-required', placementStart: '2026-01-01', accommodation: 'childrens-home',
  traffickingStatus: 'none', uasc: false, separated: false, concerns: [],
};
const FIRST: History = { episodesInLast30Days: 0, episodesInLast90Days: 0, harmInPreviousEpisode: false, previousEpisodes: 0 };
const REPEAT = { previousEpisodes: 1, episodesInLast90Days: 0 };

const SCENARIOS: Scenario[] = [
  { name: 'trafficked 15-year-old on her second day of placement', rule: '§6 override: trafficking suspected',
    profile: { dateOfBirth: '2011-01-10', traffickingStatus: 'suspected', placementStart: '2026-11-24' },
    level: 'high', score: 35, factors: ['placement-under-7-days', 'first-or-out-of-character', 'aged-13-to-15'],
    overrides: ['trafficking-suspected-or-above'] },
  { name: 'UASC boy four months after arrival with an unknown-adult phone contact', rule: '§6 points ≥ 40',
    profile: { dateOfBirth: '2009-09-09', uasc: true, separated: true, arrivalDate: '2026-07-25' },
    circumstances: ['contact-from-unknown-adults'], level: 'high', score: 45,
    factors: ['uasc-or-separated', 'unknown-adult-contact-or-new-phone', 'first-or-out-of-character'] },
  { name: '16-year-old away with known whereabouts', rule: '§6 points < 20', history: REPEAT,
    circumstances: ['whereabouts-known'], level: 'low', score: 0, factors: [] },
  { name: '12-year-old first episode', rule: '§6 override: under 13', profile: { dateOfBirth: '2014-02-01' },
    level: 'high', score: 10, factors: ['first-or-out-of-character'], overrides: ['under-13'] },
  { name: 'UASC girl two days after arrival', rule: '§6 override: UASC within 72 h of arrival',
    profile: { uasc: true, separated: true, arrivalDate: '2026-11-23' }, level: 'high', score: 30,
    factors: ['uasc-or-separated', 'first-or-out-of-character'], overrides: ['uasc-within-72h-of-arrival-or-placement'] },
  { name: 'threatened self-harm before leaving', rule: '§6 override: threat of suicide or self-harm',
    circumstances: ['threatened-self-harm'], level: 'high', score: 10, factors: ['first-or-out-of-character'],
    overrides: ['threat-of-suicide-or-self-harm'] },
  { name: 'left with an unknown adult', rule: '§6 override: suspected abduction',
    circumstances: ['left-with-unknown-adult'], level: 'high', score: 10, factors: ['first-or-out-of-character'],
    overrides: ['suspected-abduction'] },
  { name: 'essential medication missed', rule: '§6 override: essential medication missed', history: REPEAT,
    circumstances: ['essential-medication-missed'], level: 'high', score: 0, factors: [],
    overrides: ['essential-medication-missed'] },
  { name: 'current sexual exploitation concern', rule: '§6 override: exploitation concern', history: REPEAT,
    profile: { concerns: ['sexual-exploitation'] }, level: 'high', score: 0, factors: [],
    overrides: ['sexual-or-criminal-exploitation-concern'] },
  { name: 'county-lines (criminal exploitation) concern', rule: '§6 override: exploitation concern', history: REPEAT,
    profile: { concerns: ['criminal-exploitation'] }, level: 'high', score: 0, factors: [],
    overrides: ['sexual-or-criminal-exploitation-concern'] },
  { name: 'UASC owing a debt to an agent', rule: '§6 points: debt to agent 20',
    profile: { uasc: true, arrivalDate: '2026-06-01', concerns: ['agent-debt-or-oath'] }, level: 'high', score: 50,
    factors: ['uasc-or-separated', 'debt-to-agent-or-oath', 'first-or-out-of-character'] },
  { name: 'third episode in 90 days', rule: '§6 points: ≥ 3 episodes in 90 days 15',
    history: { previousEpisodes: 2, episodesInLast90Days: 2 }, level: 'low', score: 15, factors: ['three-episodes-in-90-days'] },
  { name: 'second episode within 30 days', rule: '§6 points: episode in last 30 days 10',
    history: { previousEpisodes: 1, episodesInLast30Days: 1, episodesInLast90Days: 1 }, level: 'low', score: 10,
    factors: ['episode-in-last-30-days'] },
  { name: 'harmed during the previous episode', rule: '§6 points: harm in previous episode 15',
    history: { ...REPEAT, harmInPreviousEpisode: true }, level: 'low', score: 15, factors: ['harm-in-previous-episode'] },
  { name: 'frequent repeat with past harm reaches exactly 40', rule: '§6 threshold: 40 is high',
    history: { previousEpisodes: 2, episodesInLast30Days: 1, episodesInLast90Days: 2, harmInPreviousEpisode: true },
    level: 'high', score: 40, factors: ['three-episodes-in-90-days', 'harm-in-previous-episode', 'episode-in-last-30-days'] },
  { name: 'mental health need, little English and drinking', rule: '§6 points: 10 each',
    profile: { concerns: ['mental-health', 'little-or-no-english', 'substance-use'] }, level: 'high', score: 40,
    factors: ['first-or-out-of-character', 'mental-health-learning-or-communication-need', 'little-english-or-unfamiliar-area', 'alcohol-or-drugs'] },
  { name: '14-year-old out at night in the rain without a coat', rule: '§6 points: conditions capped at 10',
    profile: { dateOfBirth: '2012-05-05' }, circumstances: ['night-time', 'bad-weather', 'unsuitable-clothing'],
    level: 'medium', score: 30, factors: ['first-or-out-of-character', 'aged-13-to-15', 'night-time', 'bad-weather'] },
  { name: 'UASC placed in a hotel', rule: '§6 points: unregulated accommodation or hotel 5',
    profile: { uasc: true, arrivalDate: '2026-08-01', accommodation: 'hotel' }, level: 'medium', score: 35,
    factors: ['uasc-or-separated', 'first-or-out-of-character', 'unregulated-accommodation-or-hotel'] },
  { name: '16-year-old UASC in supported accommodation', rule: '§6 points: supported accommodation is regulated (2023), not unregulated',
    profile: { uasc: true, arrivalDate: '2026-08-01', accommodation: 'supported-accommodation' }, level: 'medium', score: 30,
    factors: ['uasc-or-separated', 'first-or-out-of-character'] },
  { name: 'separated child with a disputed age', rule: '§6 points: disputed age 5',
    profile: { separated: true, ageAssessment: 'disputed' }, level: 'medium', score: 35,
    factors: ['uasc-or-separated', 'first-or-out-of-character', 'missing-id-or-disputed-age'] },
  { name: 'still missing after 30 hours', rule: '§6 points: over 24 h +10', history: REPEAT, hoursMissing: 30,
    level: 'low', score: 10, factors: ['missing-over-24h'] },
  { name: 'still missing after 80 hours', rule: '§6 points: over 72 h +20 instead', history: REPEAT, hoursMissing: 80,
    level: 'medium', score: 20, factors: ['missing-over-72h'] },
  { name: 'police grade high lifts a low screening', rule: '§2 the police grade is a floor', history: REPEAT,
    policeGrade: 'high', level: 'high', score: 0, factors: [] },
  { name: 'police grade medium never lowers a high screening', rule: '§2 alert level = highest',
    profile: { traffickingStatus: 'nrm-referred' }, history: REPEAT, policeGrade: 'medium', level: 'high', score: 0,
    factors: [], overrides: ['trafficking-suspected-or-above'] },
  { name: 'police grade very low with nothing else', rule: '§2 alert level = highest', history: REPEAT,
    policeGrade: 'very-low', level: 'low', score: 0, factors: [] },
  { name: 'new phone and associates of concern', rule: '§6 points: 15 each', history: REPEAT,
    profile: { concerns: ['associates-of-concern'] }, circumstances: ['new-phone'], level: 'medium', score: 30,
    factors: ['unknown-adult-contact-or-new-phone', 'associates-of-concern'] },
  { name: 'out of character for a child who has gone before', rule: '§6 points: out-of-character 10', history: REPEAT,
    circumstances: ['out-of-character'], level: 'low', score: 10, factors: ['first-or-out-of-character'] },
  { name: '15-year-old UASC, three days into placement, in an unfamiliar town', rule: '§6 points, no override after 72 h',
    profile: { dateOfBirth: '2011-03-03', uasc: true, arrivalDate: '2026-09-01', placementStart: '2026-11-22' },
    circumstances: ['unfamiliar-area'], level: 'high', score: 65,
    factors: ['uasc-or-separated', 'placement-under-7-days', 'first-or-out-of-character', 'little-english-or-unfamiliar-area', 'aged-13-to-15'] },
];

describe('golden scenarios (ruleset v1)', () => {
  const ruleset = loadRuleset(RULESET_V1);

  it('has at least 25 scenarios', () => expect(SCENARIOS.length).toBeGreaterThanOrEqual(25));

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const discoveredAt = new Date(NOW.getTime() - (s.hoursMissing ?? 0.5) * 3_600_000);
    const facts = deriveFacts({ ...BASE, ...s.profile }, { discoveredAt, circumstances: s.circumstances ?? [] },
      { ...FIRST, ...s.history }, NOW);
    const result = score(ruleset, facts, s.policeGrade);
    expect({ rule: s.rule, level: result.level, score: result.score, factors: result.factors.map((f) => f.code), overrides: result.overrides })
      .toEqual({ rule: s.rule, level: s.level, score: s.score, factors: s.factors, overrides: s.overrides ?? [] });
  });
});
