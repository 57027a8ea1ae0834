import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { ChildId, EpisodeId, Instant, RiskLevel } from '../codes.js';
import { FactorCode, OverrideCode } from '../risk-codes.js';

export const EpisodeAssessed = defineEvent({
  topic: 'risk.episode-assessed.v1',
  type: 'uk.safeguard.risk.episode-assessed.v1',
  description: 'An explained screening assessment of an episode: level, score, factors, overrides, ruleset.',
  data: z.strictObject({
    assessmentId: z.uuid(),
    episodeId: EpisodeId,
    childId: ChildId,
    level: RiskLevel,
    score: z.int().nonnegative(),
    factors: z.array(z.strictObject({ code: FactorCode, points: z.int() })).max(64),
    overrides: z.array(OverrideCode).max(32),
    policeGrade: RiskLevel.optional(),
    rulesetVersion: z.string().min(1).max(32),
    trigger: z.enum(['reported', 'updated', 'profile-changed', 'elapsed-24h', 'elapsed-72h']),
    inputEventIds: z.array(z.uuid()).max(64),
    assessedAt: Instant,
  }),
});
