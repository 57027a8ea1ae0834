import { PlatformRoutes, route, type ServiceApi } from '@safeguard/platform';
import { z } from 'zod';

/*
 * Risk-scoring's HTTP routes, declared once: the controller parses with these schemas and the OpenAPI document
 * (services/risk-scoring/openapi.json, served at /api/docs) is generated from them.
 */

export const AssessmentRoutes = {
  list: route({
    method: 'get', path: '/api/v1/assessments', operationId: 'listAssessments', tag: 'assessments',
    summary: 'The assessment history of an episode',
    description: 'Each assessment with the factors, overrides and ruleset that explain it.',
    query: z.strictObject({ episodeId: z.uuid() }),
    responses: { 200: { description: 'The episode\'s assessments', schema: z.object({ episodeId: z.uuid(), assessments: z.array(z.record(z.string(), z.unknown())) }) } },
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
