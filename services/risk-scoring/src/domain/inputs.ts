import type { ChildProfile } from './facts.js';

/** An episode as scoring sees it: the inputs to an assessment, and where it happens. */
export interface ScoredEpisode {
  episodeId: string;
  childId: string;
  homeId: string;
  placingCouncil: string;
  policeForce: string;
  classification: string;
  circumstances: string[];
  discoveredAt: Date;
  /** From the report (v2); null for a report taken before reports carried it (v1). */
  ageAtDiscovery: number | null;
  policeGrade: string | null;
  returnedAt: Date | null;
  inputEventIds: string[];
  awaitingProfileVersion: number | null;
}

/** Where an episode happens: who may see it. */
export type EpisodePlace = Pick<ScoredEpisode, 'homeId' | 'placingCouncil' | 'policeForce'>;

/** The newest profile received for a child, with the event that carried it. */
export interface StoredProfile {
  version: number;
  profile: ChildProfile;
  eventId: string;
}

/** Raised when an input has not arrived yet; the consumer retries the event until it has. */
export class InputNotYetReceived extends Error {}
