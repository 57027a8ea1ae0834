import type { DataOf, EpisodeAssessed } from '@safeguard/contracts';

export type Trigger = DataOf<typeof EpisodeAssessed>['trigger'];

/** An assessment as stored: with its factors, overrides and ruleset version, so any level can be explained later. */
export interface AssessmentRecord {
  id: string;
  episodeId: string;
  level: string;
  score: number;
  factors: { code: string; points: number }[];
  overrides: string[];
  policeGrade: string | null;
  rulesetVersion: string;
  trigger: string;
  inputEventIds: string[];
  assessedAt: Date;
}
