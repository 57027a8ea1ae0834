import type { Fact } from './ruleset.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What the scorer knows about the child, from intake.child-profile.v2 (codes and dates only). */
export interface ChildProfile {
  /** Only in a profile kept from the retired v1 topic: the age at discovery of a v1 report is worked out from it. */
  dateOfBirth?: string;
  ageAssessment: string;
  placementStart: string;
  accommodation: string;
  traffickingStatus: string;
  uasc: boolean;
  separated: boolean;
  arrivalDate?: string;
  concerns: string[];
}

export interface EpisodeFacts {
  discoveredAt: Date;
  circumstances: string[];
  /** Whole years on the UK day of discovery, from the report (v2): the age that counts for the whole episode. */
  ageAtDiscovery?: number | null;
}

/** The report's age at discovery, else (a v1 report) from the profile's date of birth; undefined when neither says. */
export function ageOf(p: ChildProfile, e: EpisodeFacts): number | undefined {
  if (e.ageAtDiscovery !== undefined && e.ageAtDiscovery !== null) return e.ageAtDiscovery;
  return p.dateOfBirth ? ageInYears(p.dateOfBirth, e.discoveredAt) : undefined;
}

/** Earlier episodes of the child, from absence-reported and child-returned events. */
export interface History {
  episodesInLast30Days: number;
  episodesInLast90Days: number;
  harmInPreviousEpisode: boolean;
  previousEpisodes: number;
}

export function ageInYears(dateOfBirth: string, at: Date): number {
  const dob = new Date(`${dateOfBirth}T00:00:00Z`);
  let age = at.getUTCFullYear() - dob.getUTCFullYear();
  const beforeBirthday =
    at.getUTCMonth() < dob.getUTCMonth() || (at.getUTCMonth() === dob.getUTCMonth() && at.getUTCDate() < dob.getUTCDate());
  if (beforeBirthday) age--;
  return age;
}

const TRAFFICKED = ['suspected', 'nrm-referred', 'reasonable-grounds', 'conclusive-grounds'];

/** Derives every fact a rule may weigh. Pure: the clock is passed in. */
export function deriveFacts(p: ChildProfile, e: EpisodeFacts, h: History, now: Date): Record<Fact, boolean> {
  const has = (c: string) => e.circumstances.includes(c);
  const concern = (c: string) => p.concerns.includes(c);
  // An age nobody told us (a v1 report after a v2 profile, during the move) weighs nothing either way.
  const age = ageOf(p, e) ?? Number.NaN;
  const sinceDay = (d: string) => now.getTime() - Date.parse(`${d}T00:00:00Z`);
  const missingFor = now.getTime() - e.discoveredAt.getTime();
  const within72h = (d?: string) => d !== undefined && sinceDay(d) <= 72 * HOUR;
  return {
    traffickedOrSuspected: TRAFFICKED.includes(p.traffickingStatus),
    uascWithin72hOfArrivalOrPlacement: p.uasc && (within72h(p.arrivalDate) || within72h(p.placementStart)),
    under13: age < 13,
    threatOfSelfHarm: has('threatened-self-harm'),
    suspectedAbduction: has('suspected-abduction') || has('left-with-unknown-adult'),
    essentialMedicationMissed: has('essential-medication-missed'),
    exploitationConcern: concern('sexual-exploitation') || concern('criminal-exploitation'),
    uascOrSeparated: p.uasc || p.separated,
    agentDebtOrOath: concern('agent-debt-or-oath'),
    placementUnder7Days: sinceDay(p.placementStart) < 7 * DAY,
    unknownAdultContactOrNewPhone: has('contact-from-unknown-adults') || has('new-phone'),
    associatesOfConcern: concern('associates-of-concern'),
    threeEpisodesIn90Days: h.episodesInLast90Days + 1 >= 3,
    harmInPreviousEpisode: h.harmInPreviousEpisode,
    episodeInLast30Days: h.episodesInLast30Days > 0,
    firstOrOutOfCharacter: h.previousEpisodes === 0 || has('out-of-character'),
    mentalHealthLearningOrCommunicationNeed:
      concern('mental-health') || concern('learning-disability') || concern('communication-need'),
    littleEnglishOrUnfamiliarArea: concern('little-or-no-english') || has('unfamiliar-area'),
    alcoholOrDrugs: concern('substance-use') || has('alcohol-or-drugs'),
    aged13To15: age >= 13 && age <= 15,
    nightTime: has('night-time'),
    badWeather: has('bad-weather'),
    unsuitableClothing: has('unsuitable-clothing'),
    missingIdOrDisputedAge: concern('missing-id-documents') || ['pending', 'disputed'].includes(p.ageAssessment),
    // Supported accommodation for 16- and 17-year-olds is regulated by Ofsted since October 2023: not unregulated.
    unregulatedOrHotel: ['unregulated', 'hotel'].includes(p.accommodation),
    missingOver24h: missingFor > 24 * HOUR && missingFor <= 72 * HOUR,
    missingOver72h: missingFor > 72 * HOUR,
  };
}
