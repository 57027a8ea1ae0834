import { EpisodeAssessed, EpisodeId, FactorCode, Instant, OverrideCode, RiskLevel } from '@safeguard/contracts';
import { PlatformRoutes, route, type ServiceApi } from '@safeguard/platform';
import { z } from 'zod';

/*
 * Risk-scoring's HTTP routes, declared once: the controller parses with these schemas and the OpenAPI document
 * (services/risk-scoring/openapi.json, served at /api/docs) is generated from them.
 */

/** An assessment as stored (domain/assessment.ts): what its event said, so any level can be explained later. */
const Assessment = z.object({
  id: z.uuid().describe('The assessmentId of its risk.episode-assessed.v1 event'),
  episodeId: EpisodeId,
  level: RiskLevel,
  score: z.int().nonnegative(),
  factors: z.array(z.object({ code: FactorCode, points: z.int() })),
  overrides: z.array(OverrideCode),
  policeGrade: RiskLevel.nullable().describe('The grade the police gave, if they had when it was assessed'),
  rulesetVersion: z.string(),
  trigger: EpisodeAssessed.data.shape.trigger,
  inputEventIds: z.array(z.uuid()).describe('The events it was assessed from'),
  assessedAt: Instant,
});
const AssessmentHistory = z.object({ episodeId: EpisodeId, assessments: z.array(Assessment).describe('Oldest first') });

export const AssessmentRoutes = {
  list: route({
    method: 'get', path: '/api/v1/assessments', operationId: 'listAssessments', tag: 'assessments',
    summary: 'The assessment history of an episode',
    description: 'Each assessment with the factors, overrides and ruleset that explain it.',
    query: z.strictObject({ episodeId: z.uuid() }),
    responses: { 200: { description: 'The episode\'s assessments', schema: AssessmentHistory } },
    problems: [404],
  }),
} as const;

export const riskScoringApi: ServiceApi = {
  service: 'risk-scoring',
  title: 'Safeguard risk-scoring',
  description: 'Scores each episode on the police risk scale and explains why. Read with a service token for `risk-scoring`.',
  port: 3002,
  tags: { assessments: 'Risk assessments and the reasons for them.' },
  routes: [...Object.values(AssessmentRoutes), ...Object.values(PlatformRoutes)],
};
