import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { AbsenceClassification, ChildId, Circumstance, EpisodeId, Instant, NotifiableEvent, PoliceReference, RiskLevel } from '../codes.js';

export const AbsenceUpdated = defineEvent({
  topic: 'intake.absence-updated.v1',
  type: 'uk.safeguard.intake.absence-updated.v1',
  description: 'New facts on an open episode: police reference and grade, A to M reclassification, circumstances, regulation 40 events.',
  data: z.strictObject({
    episodeId: EpisodeId,
    childId: ChildId,
    classification: AbsenceClassification.optional(),
    policeReference: PoliceReference.optional(),
    policeGrade: RiskLevel.optional(),
    addedCircumstances: z.array(Circumstance).max(32),
    /** Regulation 40 events that became known (absent: none). Optional, so events written before it still parse. */
    notifiableEvents: z.array(NotifiableEvent).max(2).optional(),
    updatedAt: Instant,
  }),
});
