import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { AbsenceClassification, ChildId, Circumstance, EpisodeId, HomeId, Instant, OrgCode } from '../codes.js';

export const AbsenceReported = defineEvent({
  topic: 'intake.absence-reported.v1',
  type: 'uk.safeguard.intake.absence-reported.v1',
  description: 'A child is missing (M) or away without authorisation (A). Times run from discovery.',
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
    circumstances: z.array(Circumstance).max(32),
    /** The child-profile version intake held when the report was taken; consumers wait for it. */
    childProfileVersion: z.int().positive(),
  }),
});
