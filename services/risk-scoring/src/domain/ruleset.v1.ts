/**
 * Screening ruleset v1, exactly as docs/domain.md §6 [ours]: overrides to high, points with ≥ 40 high and 20–39 medium.
 * Weights are data: a council's variant is a new version of this object, validated at start.
 */
import type { RulesetInput } from './ruleset.js';

export const RULESET_V1 = {
  version: 'v1',
  overrides: [
    { code: 'trafficking-suspected-or-above', fact: 'traffickedOrSuspected' },
    { code: 'uasc-within-72h-of-arrival-or-placement', fact: 'uascWithin72hOfArrivalOrPlacement' },
    { code: 'under-13', fact: 'under13' },
    { code: 'threat-of-suicide-or-self-harm', fact: 'threatOfSelfHarm' },
    { code: 'suspected-abduction', fact: 'suspectedAbduction' },
    { code: 'essential-medication-missed', fact: 'essentialMedicationMissed' },
    { code: 'sexual-or-criminal-exploitation-concern', fact: 'exploitationConcern' },
  ],
  points: [
    { code: 'uasc-or-separated', fact: 'uascOrSeparated', points: 20 },
    { code: 'debt-to-agent-or-oath', fact: 'agentDebtOrOath', points: 20 },
    { code: 'placement-under-7-days', fact: 'placementUnder7Days', points: 15 },
    { code: 'unknown-adult-contact-or-new-phone', fact: 'unknownAdultContactOrNewPhone', points: 15 },
    { code: 'associates-of-concern', fact: 'associatesOfConcern', points: 15 },
    { code: 'three-episodes-in-90-days', fact: 'threeEpisodesIn90Days', points: 15 },
    { code: 'harm-in-previous-episode', fact: 'harmInPreviousEpisode', points: 15 },
    { code: 'episode-in-last-30-days', fact: 'episodeInLast30Days', points: 10 },
    { code: 'first-or-out-of-character', fact: 'firstOrOutOfCharacter', points: 10 },
    { code: 'mental-health-learning-or-communication-need', fact: 'mentalHealthLearningOrCommunicationNeed', points: 10 },
    { code: 'little-english-or-unfamiliar-area', fact: 'littleEnglishOrUnfamiliarArea', points: 10 },
    { code: 'alcohol-or-drugs', fact: 'alcoholOrDrugs', points: 10 },
    { code: 'aged-13-to-15', fact: 'aged13To15', points: 10 },
    { code: 'night-time', fact: 'nightTime', points: 5, group: 'conditions' },
    { code: 'bad-weather', fact: 'badWeather', points: 5, group: 'conditions' },
    { code: 'unsuitable-clothing', fact: 'unsuitableClothing', points: 5, group: 'conditions' },
    { code: 'missing-id-or-disputed-age', fact: 'missingIdOrDisputedAge', points: 5 },
    { code: 'unregulated-accommodation-or-hotel', fact: 'unregulatedOrHotel', points: 5 },
    { code: 'missing-over-24h', fact: 'missingOver24h', points: 10 },
    { code: 'missing-over-72h', fact: 'missingOver72h', points: 20 },
  ],
  groupCaps: { conditions: 10 },
  thresholds: { high: 40, medium: 20 },
} satisfies RulesetInput;
