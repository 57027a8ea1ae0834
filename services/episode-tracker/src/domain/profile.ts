import {
  NRM_REFERRED_STATUSES, TRAFFICKED_STATUSES, type Accommodation, type ProfileConcern, type TraffickingStatus,
} from '@safeguard/contracts';
import type { ChildFlags } from './episode.js';

/**
 * The few profile facts the tracker keeps: flags, where the child lives (the accommodation's code) and the council.
 * Of the profile's concerns only the one it acts on, as a flag. The age comes with each report (its age at
 * discovery); only a profile kept from the retired v1 topic still says when the child turns 13.
 */
export interface ProfileFacts {
  version: number;
  flags: Omit<ChildFlags, 'under13' | 'childrensHome'>;
  /** Null for a profile kept before the tracker stored it: not known to be a children's home until the next change. */
  accommodation: Accommodation | null;
  thirteenthBirthday: string | null;
  hostCouncil: string;
}

/** A profile event as either version carries it: v2 (what the tracker acts on) or v1 (its backlog, with a date of birth). */
export type ProfileEvent = {
  profileVersion: number; uasc: boolean; separated: boolean; hostCouncil: string; accommodation: Accommodation; concerns: readonly (typeof ProfileConcern.options)[number][];
} & (
  | { traffickingStatus: TraffickingStatus }
  | { trafficking: { status: TraffickingStatus }; dateOfBirth: string }
);

export function profileFacts(p: ProfileEvent): ProfileFacts {
  const status = 'traffickingStatus' in p ? p.traffickingStatus : p.trafficking.status;
  return {
    version: p.profileVersion,
    flags: {
      trafficked: (TRAFFICKED_STATUSES as readonly string[]).includes(status),
      uascOrSeparated: p.uasc || p.separated,
      nrmReferred: (NRM_REFERRED_STATUSES as readonly string[]).includes(status),
      sexualExploitation: p.concerns.includes('sexual-exploitation'),
    },
    accommodation: p.accommodation,
    thirteenthBirthday: 'dateOfBirth' in p ? thirteenthBirthday(p.dateOfBirth) : null,
    hostCouncil: p.hostCouncil,
  };
}

function thirteenthBirthday(dateOfBirth: string): string {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  // Born on 29 February: 13 on 1 March in a year that has no 29 February (Date rolls the day over).
  return new Date(Date.UTC(y! + 13, m! - 1, d!)).toISOString().slice(0, 10);
}

const before13th = (p: ProfileFacts, at: Date) => p.thirteenthBirthday !== null && at.getTime() < Date.parse(`${p.thirteenthBirthday}T00:00:00Z`);

/** The profile's flags, with under 13 as given. */
const flagsOf = (p: ProfileFacts, under13: boolean): ChildFlags => ({ ...p.flags, under13, childrensHome: p.accommodation === 'childrens-home' });

/** The flags as a profile change states them (v2 says nothing of age: no news, and flags only ever turn on). */
export const flagsAt = (p: ProfileFacts, at: Date): ChildFlags => flagsOf(p, before13th(p, at));

/**
 * What an episode opens with: the profile's flags and under 13 from the report's age at discovery (v2), or, for a v1
 * report, from a v1 profile's 13th birthday. When neither tells the age the profile is not enough to open on: null,
 * which opens as an unknown profile does (ladder T, high) rather than guess.
 */
export function openingProfile(p: ProfileFacts, ageAtDiscovery: number | undefined, discoveredAt: Date): { flags: ChildFlags; hostCouncil: string } | null {
  if (ageAtDiscovery === undefined && p.thirteenthBirthday === null) return null;
  const under13 = ageAtDiscovery !== undefined ? ageAtDiscovery < 13 : before13th(p, discoveredAt);
  return { flags: flagsOf(p, under13), hostCouncil: p.hostCouncil };
}
