import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { AbsenceClassification, ChildId, Circumstance, EpisodeId, HomeId, Instant, OrgCode } from '../codes.js';

export const AbsenceReportedV2 = defineEvent({
  topic: 'intake.absence-reported.v2',
  type: 'uk.safeguard.intake.absence-reported.v2',
  description:
    'A child is missing (M) or away without authorisation (A), with their age in whole years on the UK day of ' +
    'discovery. Times run from discovery.',
  data: z.strictObject({
    episodeId: EpisodeId,
    episodeReference: z.string().regex(/^MFC-\d{4}-\d{6}$/),
    childId: ChildId,
    homeId: HomeId,
    placingCouncil: OrgCode,
    policeForce: OrgCode,
    classification: AbsenceClassification,
    lastSeenAt: Instant,
    discoveredAt: Instant,
    reportedAt: Instant,
    /** Whole years on the UK calendar day the absence was discovered: the age that counts for this episode. */
    ageAtDiscovery: z.int().min(0).max(130),
    circumstances: z.array(Circumstance).max(32),
    /** The child-profile version intake held when the report was taken; consumers wait for it. */
    childProfileVersion: z.int().positive(),
  }),
});
