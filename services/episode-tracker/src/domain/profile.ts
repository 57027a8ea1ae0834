import { NRM_REFERRED_STATUSES, TRAFFICKED_STATUSES, type TraffickingStatus } from '@safeguard/contracts';
import type { ChildFlags } from './episode.js';

/** The few profile facts the tracker keeps: flags, when the child turns 13, and where they live. */
export interface ProfileFacts {
  version: number;
  flags: Omit<ChildFlags, 'under13'>;
  thirteenthBirthday: string;
  hostCouncil: string;
}

export function profileFacts(p: {
  profileVersion: number; trafficking: { status: TraffickingStatus }; uasc: boolean; separated: boolean; dateOfBirth: string; hostCouncil: string;
}): ProfileFacts {
  const [y, m, d] = p.dateOfBirth.split('-').map(Number);
  // Born on 29 February: 13 on 1 March in a year that has no 29 February (Date rolls the day over).
  const thirteenth = new Date(Date.UTC(y! + 13, m! - 1, d!)).toISOString().slice(0, 10);
  return {
    version: p.profileVersion,
    flags: {
      trafficked: (TRAFFICKED_STATUSES as readonly string[]).includes(p.trafficking.status),
      uascOrSeparated: p.uasc || p.separated,
      nrmReferred: (NRM_REFERRED_STATUSES as readonly string[]).includes(p.trafficking.status),
    },
    thirteenthBirthday: thirteenth,
    hostCouncil: p.hostCouncil,
  };
}

/** The flags as they stand at a moment (a child under 13 is always high). */
export const flagsAt = (p: ProfileFacts, at: Date): ChildFlags => ({
  ...p.flags,
  under13: at.getTime() < Date.parse(`${p.thirteenthBirthday}T00:00:00Z`),
});
