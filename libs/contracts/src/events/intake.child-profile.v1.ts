import { z } from 'zod';
import { defineEvent } from '../contract.js';
import {
  Accommodation, AgeAssessment, CalendarDate, ChildId, HomeId, Instant, OrgCode, ProfileConcern, TraffickingStatus,
} from '../codes.js';

export const ChildProfileChanged = defineEvent({
  topic: 'intake.child-profile.v1',
  type: 'uk.safeguard.intake.child-profile.v1',
  compacted: true,
  description:
    'Deprecated: use intake.child-profile.v2, which carries no date of birth. No longer published; intake erases ' +
    'every key with a tombstone, which consumers ignore.',
  data: z.strictObject({
    childId: ChildId,
    profileVersion: z.int().positive(),
    homeId: HomeId,
    placingCouncil: OrgCode,
    hostCouncil: OrgCode,
    policeForce: OrgCode,
    dateOfBirth: CalendarDate,
    ageAssessment: AgeAssessment,
    placementStart: CalendarDate,
    accommodation: Accommodation,
    trafficking: z.strictObject({ status: TraffickingStatus, since: CalendarDate.optional() }),
    uasc: z.boolean(),
    separated: z.boolean(),
    arrivalDate: CalendarDate.optional(),
    concerns: z.array(ProfileConcern).max(32),
    changedAt: Instant,
  }),
});
