import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { Accommodation, AgeAssessment, CalendarDate, ChildId, OrgCode, ProfileConcern, TraffickingStatus } from '../codes.js';

/**
 * Only what risk-scoring and the episode-tracker act on. No date of birth: the age that counts is the age at
 * discovery, carried by intake.absence-reported.v2. No home, placing council or police force either: those travel
 * with each report. The topic is compacted, so whatever is here is kept for as long as the topic lives.
 */
export const ChildProfileChangedV2 = defineEvent({
  topic: 'intake.child-profile.v2',
  type: 'uk.safeguard.intake.child-profile.v2',
  compacted: true,
  description:
    'The risk-relevant profile of a child changed: only what scoring and escalation act on, never a date of birth. ' +
    'Keyed by child; the latest per child is kept.',
  data: z.strictObject({
    childId: ChildId,
    profileVersion: z.int().positive(),
    /** Where the child lives now: that council's out-of-hours team hears first (G9). */
    hostCouncil: OrgCode,
    traffickingStatus: TraffickingStatus,
    uasc: z.boolean(),
    separated: z.boolean(),
    ageAssessment: AgeAssessment,
    placementStart: CalendarDate,
    accommodation: Accommodation,
    arrivalDate: CalendarDate.optional(),
    concerns: z.array(ProfileConcern).max(32),
  }),
});
