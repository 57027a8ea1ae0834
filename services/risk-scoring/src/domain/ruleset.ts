import { FactorCode, OverrideCode } from '@safeguard/contracts';
import { z } from 'zod';

/** Named facts about an episode that rules can weigh; derived in facts.ts. Nationality, ethnicity, religion: never. */
export const FACTS = [
  'traffickedOrSuspected', 'uascWithin72hOfArrivalOrPlacement', 'under13', 'threatOfSelfHarm', 'suspectedAbduction',
  'essentialMedicationMissed', 'exploitationConcern',
  'uascOrSeparated', 'agentDebtOrOath', 'placementUnder7Days', 'unknownAdultContactOrNewPhone', 'associatesOfConcern',
  'threeEpisodesIn90Days', 'harmInPreviousEpisode', 'episodeInLast30Days', 'firstOrOutOfCharacter',
  'mentalHealthLearningOrCommunicationNeed', 'littleEnglishOrUnfamiliarArea', 'alcoholOrDrugs', 'aged13To15',
  'nightTime', 'badWeather', 'unsuitableClothing', 'missingIdOrDisputedAge', 'unregulatedOrHotel',
  'missingOver24h', 'missingOver72h',
] as const;
export type Fact = (typeof FACTS)[number];

const fact = z.enum(FACTS);

export const RulesetSchema = z.strictObject({
  version: z.string().min(1),
  /** Any of these makes the level high, whatever the points. */
  overrides: z.array(z.strictObject({ code: OverrideCode, fact })).min(1),
  points: z.array(z.strictObject({ code: FactorCode, fact, points: z.int().positive(), group: z.string().optional() })).min(1),
  /** Caps for groups of rules (e.g. night, weather, clothing together at most 10). */
  groupCaps: z.record(z.string(), z.int().positive()),
  thresholds: z.strictObject({ high: z.int().positive(), medium: z.int().positive() }),
}).refine((r) => r.thresholds.high > r.thresholds.medium, { message: 'high threshold must exceed medium' });
export type Ruleset = z.infer<typeof RulesetSchema>;
/** A ruleset as written: its codes are checked against the contracts' registry when it compiles. */
export type RulesetInput = z.input<typeof RulesetSchema>;

/** Validates a ruleset at start; a bad ruleset stops the service rather than scoring wrongly. */
export const loadRuleset = (data: unknown): Ruleset => RulesetSchema.parse(data);
