import { deriveFacts, type ChildProfile, type History } from '../domain/facts.js';
import { loadRuleset } from '../domain/ruleset.js';
import { RULESET_V1 } from '../domain/ruleset.v1.js';
import { score } from '../domain/scorer.js';

// Pure scoring throughput (facts + score), the CPU part of every assessment: npm run bench:scoring
const ruleset = loadRuleset(RULESET_V1);
const now = new Date('2026-11-25T03:00:00Z');
const profiles: ChildProfile[] = Array.from({ length: 1_000 }, (_, i) => ({
  dateOfBirth: `20${String(8 + (i % 8)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 9}`, ageAssessment: i % 7 ? 'not-required' : 'disputed',
  placementStart: `2026-${String(1 + (i % 11)).padStart(2, '0')}-15`, accommodation: i % 13 ? 'childrens-home' : 'hotel',
  traffickingStatus: i % 5 ? 'none' : 'suspected', uasc: i % 3 === 0, separated: i % 4 === 0, arrivalDate: '2026-06-01',
  concerns: i % 2 ? ['little-or-no-english'] : ['mental-health', 'associates-of-concern'],
}));
const history: History = { episodesInLast30Days: 1, episodesInLast90Days: 2, harmInPreviousEpisode: false, previousEpisodes: 3 };
const circumstances = ['contact-from-unknown-adults', 'night-time'];

for (const round of ['warm-up', 'measured']) {
  const n = round === 'warm-up' ? 50_000 : 500_000;
  const start = process.hrtime.bigint();
  let high = 0;
  for (let i = 0; i < n; i++) {
    const f = deriveFacts(profiles[i % profiles.length]!, { discoveredAt: new Date(now.getTime() - (i % 100) * 3_600_000), circumstances }, history, now);
    if (score(ruleset, f).level === 'high') high++;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (round === 'measured') {
    console.log(`scoring: ${n} assessments in ${ms.toFixed(0)} ms = ${Math.round((n / ms) * 1000).toLocaleString('en-GB')} per second per core (${high} high)`);
  }
}
