import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { AbsenceClassification, ChildId, Circumstance, EpisodeId, Instant, RiskLevel, PoliceReference } from '../codes.js';

export const AbsenceUpdated = defineEvent({
  topic: 'intake.absence-updated.v1',
  type: 'uk.safeguard.intake.absence-updated.v1',
  description: 'New facts on an open episode: police reference and grade, A to M reclassification, circumstances.',
  data: z.strictObject({
    episodeId: EpisodeId,
    childId: ChildId,
    classification: AbsenceClassification.optional(),
    policeReference: PoliceReference.optional(),
    policeGrade: RiskLevel.optional(),
    addedCircumstances: z.array(Circumstance).max(32),
    updatedAt: Instant,
  }),
});
