import { EpisodeTrackerHttp, InsightQuery, PoliceReference } from '@safeguard/contracts';
import { PlatformRoutes, route, type ServiceApi } from '@safeguard/platform';
import { z } from 'zod';

/*
 * The episode-tracker's HTTP routes, declared once: the controllers parse with these schemas and the OpenAPI
 * document (services/episode-tracker/openapi.json, served at /api/docs) is generated from them.
 */

const Id = z.strictObject({ id: z.uuid() });

export const EpisodeRoutes = {
  list: route({
    method: 'get', path: '/api/v1/episodes', operationId: 'listEpisodes', tag: 'episodes',
    summary: 'Episodes in the caller\'s scope, with what needs attention',
    query: z.strictObject({ state: EpisodeTrackerHttp.EpisodeState.optional() }),
    responses: { 200: { description: 'The episodes', schema: EpisodeTrackerHttp.EpisodeList } },
  }),
  one: route({
    method: 'get', path: '/api/v1/episodes/{id}', operationId: 'getEpisode', tag: 'episodes',
    summary: 'An episode: why its level, its tasks, its alerts and its timeline', params: Id,
    responses: { 200: { description: 'The episode', schema: EpisodeTrackerHttp.EpisodeDetail } }, problems: [404],
  }),
  acknowledge: route({
    method: 'post', path: '/api/v1/alerts/{alertId}/acknowledge', operationId: 'acknowledgeAlert', tag: 'alerts',
    summary: 'Acknowledge an alert', description: 'The police give their reference number when they acknowledge (required for police roles).',
    params: z.strictObject({ alertId: z.uuid() }),
    body: z.strictObject({ policeReference: PoliceReference.optional() }), optionalBody: true,
    responses: {
      200: {
        description: 'Acknowledged, now or before',
        schema: z.object({ alertId: z.uuid(), acknowledged: z.literal(true), alreadyAcknowledged: z.boolean() }),
      },
    },
    problems: [403, 404, 409],
  }),
  awaiting: route({
    method: 'get', path: '/api/v1/alerts/awaiting', operationId: 'awaitingAlerts', tag: 'alerts',
    summary: 'Alerts waiting for the caller\'s acknowledgement', description: 'For their role and scope, the latest attempt of each.',
    responses: { 200: { description: 'The alerts', schema: EpisodeTrackerHttp.AwaitingAlerts } },
  }),
  tasks: route({
    method: 'get', path: '/api/v1/tasks', operationId: 'listTasks', tag: 'tasks', summary: 'Statutory follow-ups in the caller\'s scope',
    query: z.strictObject({ due: z.enum(['overdue', 'today']).optional(), state: EpisodeTrackerHttp.TaskState.optional() }),
    responses: { 200: { description: 'The tasks', schema: z.object({ tasks: z.array(EpisodeTrackerHttp.Task) }) } },
  }),
  completeTask: route({
    method: 'patch', path: '/api/v1/tasks/{id}', operationId: 'completeTask', tag: 'tasks', summary: 'Record a task as done, with its outcome',
    params: Id,
    body: z.strictObject({
      outcome: z.string().trim().min(1).max(2_000),
      attempts: z.int().min(0).max(50).default(1),
      refused: z.boolean().default(false),
    }),
    responses: { 200: { description: 'The task as recorded', schema: EpisodeTrackerHttp.Task } }, problems: [403, 404, 409],
  }),
} as const;

export const ComplianceRoutes = {
  figures: route({
    method: 'get', path: '/api/v1/insight/compliance', operationId: 'complianceFigures', tag: 'insight',
    summary: 'Compliance figures per month for a council', description: 'Counts and times only: no child is named.', query: InsightQuery,
    responses: { 200: { description: 'The figures by month and for the year', schema: EpisodeTrackerHttp.Compliance } }, problems: [403],
  }),
} as const;

export const episodeTrackerApi: ServiceApi = {
  service: 'episode-tracker',
  title: 'Safeguard episode-tracker',
  description: 'Episodes, their alerts and escalation, and the statutory follow-ups. Called by the web console with a service token for `episode-tracker`.',
  port: 3003,
  tags: {
    episodes: 'Missing episodes as the console shows them.',
    alerts: 'Alerts and their acknowledgement.',
    tasks: 'Strategy meetings and return-home interviews, with their deadlines.',
    insight: 'Compliance figures for council managers.',
  },
  routes: [...Object.values(EpisodeRoutes), ...Object.values(ComplianceRoutes), ...Object.values(PlatformRoutes)],
};
