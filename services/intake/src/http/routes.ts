import { CalendarDate, ChildId, EpisodeId, InsightQuery, IntakeHttp, OrgCode, ukClock } from '@safeguard/contracts';
import { PlatformRoutes, route, type ServiceApi } from '@safeguard/platform';
import { z } from 'zod';
import { AbsenceReportInput, AbsenceUpdateInput, ReturnInput } from '../domain/absence-report.js';
import { CareCeasedInput } from '../domain/care-ceased.js';
import { ChildInput } from '../domain/child.js';
import { InformationPack } from '../domain/information-pack.js';

/*
 * Intake's HTTP routes, declared once: the controllers parse with these schemas and the OpenAPI document
 * (services/intake/openapi.json, served at /api/docs) is generated from them.
 */

const EpisodePath = z.strictObject({ episodeId: z.uuid() });
const ChildPath = z.strictObject({ id: z.uuid().describe("The child's id") });
const HomePath = z.strictObject({ homeId: z.uuid() });

// Bound for 24 hours to the request it first came with (domain/idempotency.ts): the same request again is answered
// 200 with the first episode, another request with the key 422, and one sent while the first is still being recorded 409.
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, '8-128 letters, digits, - or _').optional();
// A PATCH names only what changes; the merged record is validated as a whole by the service.
export const ChildPatch = z.record(z.string(), z.unknown()).refine((o) => Object.keys(o).length > 0, 'nothing to update')
  .describe('Any fields of a child, as in POST /api/v1/children; the record they make is validated as a whole. A field given ' +
    'replaces the stored one whole: `trafficking` and `ictg` are sent with all their dates.');
const NrmWatchQuery = z.strictObject({ council: OrgCode });
// Today on the UK calendar: just after midnight in summer time, the UTC date is still yesterday.
export const PhotoTakenOn = CalendarDate.refine((d) => d <= ukClock(new Date()).day, 'is in the future');

/** The number the police are told to call at the home (null: none). */
const HomeChange = z.strictObject({
  phone: z.string().trim().regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'a phone number: digits, spaces, ( ) or -, with an optional leading +').nullable(),
});

const Reported = IntakeHttp.AbsenceRecorded.extend({ next: z.string().describe('What the reporter does now.') });

// The answers below are read by no other service (the console ignores the return's body), so they live here, not in
// @safeguard/contracts. Not strict, like the console's: intake may add fields.
const AbsenceUpdated = z.object({ episodeId: EpisodeId, updated: z.literal(true) });
const ReturnRecorded = z.object({ episodeId: EpisodeId, state: z.literal('returned') });
const CareCeased = z.object({
  childId: ChildId,
  placement: z.object({
    startedOn: CalendarDate,
    endedOn: CalendarDate.describe('The day care ceased (SSDA903 DEC)'),
    ceasedReason: CareCeasedInput.shape.reason.describe('The SSDA903 REC code'),
  }).describe('The placement that ended'),
});
const PackSaved = z.object({ childId: ChildId, updated: z.literal(true) });
const PhotoSaved = z.object({
  childId: ChildId,
  photoType: z.literal('image/jpeg').describe('Every photograph is kept re-encoded as JPEG'),
  photoTakenOn: CalendarDate,
  bytes: z.int().positive().describe('The size of the re-encoded image'),
  width: z.int().positive(),
  height: z.int().positive(),
});

export const AbsenceRoutes = {
  report: route({
    method: 'post', path: '/api/v1/absences', operationId: 'reportAbsence', tag: 'absences',
    summary: 'Report a child missing or absent',
    description: 'Opens an episode and publishes the report. Safe to retry with the same Idempotency-Key.',
    headers: [{
      name: 'Idempotency-Key', schema: IdempotencyKey, component: 'IdempotencyKey',
      description: 'Makes a retry safe (docs/guarantees.md). Bound for 24 hours to the request it first came with: the same ' +
        'request again is answered 200 with the first episode; another request with the key 422; one sent while the ' +
        'first is still being recorded 409.',
    }],
    body: AbsenceReportInput,
    responses: {
      201: { description: 'The episode opened', schema: Reported },
      200: { description: 'A repeated request with the same Idempotency-Key: the episode it opened', schema: Reported },
    },
    problems: [403, 404, 409, 422],
  }),
  update: route({
    method: 'patch', path: '/api/v1/absences/{episodeId}', operationId: 'updateAbsence', tag: 'absences',
    summary: 'Add what has been learnt since the report', params: EpisodePath, body: AbsenceUpdateInput,
    responses: { 200: { description: 'The episode was updated', schema: AbsenceUpdated } }, problems: [403, 404, 409],
  }),
  returned: route({
    method: 'post', path: '/api/v1/absences/{episodeId}/return', operationId: 'recordReturn', tag: 'absences',
    summary: 'Record that the child has returned or been found', params: EpisodePath, body: ReturnInput,
    responses: { 200: { description: 'The return recorded', schema: ReturnRecorded } }, problems: [403, 404, 409],
  }),
  get: route({
    method: 'get', path: '/api/v1/absences/{episodeId}', operationId: 'getAbsence', tag: 'absences',
    summary: 'What has been recorded of an absence (Part 2)',
    description: 'For those acting for the child (the home\'s staff, the council\'s roles): what they may add to. Audited.',
    params: EpisodePath, responses: { 200: { description: 'The report as made and added to since', schema: IntakeHttp.AbsenceReport } }, problems: [404],
  }),
  briefing: route({
    method: 'get', path: '/api/v1/absences/{episodeId}/briefing', operationId: 'getPoliceBriefing', tag: 'absences',
    summary: 'The police briefing for an open episode',
    description: 'Part 1 of the information pack, Part 2 (the report as updated since) and who to call at the home. Only police ' +
      "roles of the force of the home's area, while the child is missing; anyone else, or a returned episode, gets 404. Every read is audited.",
    params: EpisodePath, responses: { 200: { description: 'The briefing', schema: IntakeHttp.PoliceBriefing } }, problems: [404],
  }),
} as const;

export const ChildRoutes = {
  create: route({
    method: 'post', path: '/api/v1/children', operationId: 'createChild', tag: 'children', summary: 'Register a child in a home',
    body: ChildInput, responses: { 201: { description: 'The child as registered', schema: IntakeHttp.Child } }, problems: [403, 404, 409],
  }),
  get: route({
    method: 'get', path: '/api/v1/children/{id}', operationId: 'getChild', tag: 'children', summary: 'A child in the caller\'s scope',
    params: ChildPath, responses: { 200: { description: 'The child', schema: IntakeHttp.Child } }, problems: [403, 404],
  }),
  update: route({
    method: 'patch', path: '/api/v1/children/{id}', operationId: 'updateChild', tag: 'children', summary: 'Change a child\'s record',
    params: ChildPath, body: ChildPatch, responses: { 200: { description: 'The child as changed', schema: IntakeHttp.Child } }, problems: [403, 404, 409],
  }),
  list: route({
    method: 'get', path: '/api/v1/homes/{homeId}/children', operationId: 'listHomeChildren', tag: 'children',
    summary: 'The children placed in a home', params: HomePath,
    responses: { 200: { description: 'The children', schema: IntakeHttp.HomeChildren } }, problems: [403, 404],
  }),
  home: route({
    method: 'get', path: '/api/v1/homes/{homeId}', operationId: 'getHome', tag: 'children',
    summary: 'A home, with the number to call there', description: "For its staff, its council and the police force of its area.",
    params: HomePath, responses: { 200: { description: 'The home', schema: IntakeHttp.Home } }, problems: [404],
  }),
  updateHome: route({
    method: 'patch', path: '/api/v1/homes/{homeId}', operationId: 'updateHome', tag: 'children',
    summary: 'Change the number to call at a home', description: "By the home's duty manager or its council's administrator. Audited.",
    params: HomePath, body: HomeChange, responses: { 200: { description: 'The home as changed', schema: IntakeHttp.Home } }, problems: [403, 404],
  }),
  ceasedCare: route({
    method: 'post', path: '/api/v1/children/{id}/ceased-care', operationId: 'recordCareCeased', tag: 'children',
    summary: 'The child ceased to be looked after', description: 'On `on`, for `reason` (an SSDA903 REC code): their current placement ends.',
    params: ChildPath, body: CareCeasedInput, responses: { 200: { description: 'Recorded: the placement as ended', schema: CareCeased } }, problems: [403, 404, 409],
  }),
} as const;

export const PackRoutes = {
  put: route({
    method: 'put', path: '/api/v1/children/{id}/information-pack', operationId: 'putInformationPack', tag: 'information pack',
    summary: 'Save Part 1 of the information pack', params: ChildPath, body: InformationPack,
    responses: { 200: { description: 'Saved', schema: PackSaved } }, problems: [403, 404],
  }),
  get: route({
    method: 'get', path: '/api/v1/children/{id}/information-pack', operationId: 'getInformationPack', tag: 'information pack',
    summary: 'The information pack, with the child\'s identity from the register', params: ChildPath,
    responses: { 200: { description: 'The pack', schema: IntakeHttp.InformationPack } }, problems: [403, 404],
  }),
  putPhoto: route({
    method: 'put', path: '/api/v1/children/{id}/information-pack/photo', operationId: 'putPhoto', tag: 'information pack',
    summary: 'Save the photograph', description: 'The raw image as the body (JPEG, PNG or WebP, at most 2 MiB); kept re-encoded, without metadata.',
    params: ChildPath, rawBody: ['image/jpeg', 'image/png', 'image/webp'],
    headers: [{ name: 'Photo-Taken-On', schema: PhotoTakenOn, description: 'The date the photograph was taken (YYYY-MM-DD), not in the future.' }],
    responses: { 200: { description: 'Saved, re-encoded', schema: PhotoSaved } }, problems: [403, 404, 409, 413],
  }),
  getPhoto: route({
    method: 'get', path: '/api/v1/children/{id}/information-pack/photo', operationId: 'getPhoto', tag: 'information pack',
    summary: 'The photograph', params: ChildPath,
    responses: { 200: { description: 'The image', mediaTypes: ['image/jpeg', 'image/png', 'image/webp'] } }, problems: [403, 404],
  }),
} as const;

export const InsightRoutes = {
  missing: route({
    method: 'get', path: '/api/v1/insight/ssda903-missing', operationId: 'ssda903Missing', tag: 'insight',
    summary: 'The SSDA903 Missing table and every DfE rule failure', query: InsightQuery,
    responses: { 200: { description: 'The Missing table for the council and collection year', schema: IntakeHttp.MissingReturn } }, problems: [403],
  }),
  header: route({
    method: 'get', path: '/api/v1/insight/ssda903-header', operationId: 'ssda903Header', tag: 'insight',
    summary: 'The SSDA903 Header table (a row per child looked after in the year)', query: InsightQuery,
    responses: { 200: { description: 'The Header table', schema: IntakeHttp.ReturnTable } }, problems: [403],
  }),
  episodes: route({
    method: 'get', path: '/api/v1/insight/ssda903-episodes', operationId: 'ssda903Episodes', tag: 'insight',
    summary: 'The SSDA903 Episodes table (a row per placement open in the year)', query: InsightQuery,
    responses: { 200: { description: 'The Episodes table', schema: IntakeHttp.ReturnTable } }, problems: [403],
  }),
  nrmWatch: route({
    method: 'get', path: '/api/v1/insight/nrm-watch', operationId: 'nrmWatch', tag: 'insight',
    summary: 'Children waiting for a Reasonable Grounds decision, soonest due first',
    description: "Due the 5th working day after the referral (England and Wales). For the council's social workers, NRM first responders and managers.",
    query: NrmWatchQuery, responses: { 200: { description: "The council's referred children", schema: IntakeHttp.NrmWatch } }, problems: [403],
  }),
  patterns: route({
    method: 'get', path: '/api/v1/insight/patterns', operationId: 'patterns', tag: 'insight',
    summary: 'When, who again, where, and links for review', query: InsightQuery,
    responses: { 200: { description: 'The patterns of the council\'s year', schema: IntakeHttp.Patterns } }, problems: [403],
  }),
} as const;

export const intakeApi: ServiceApi = {
  service: 'intake',
  title: 'Safeguard intake',
  description: 'Children, their information packs, absence reports and the SSDA903 return. Called by the web console with a service token for `intake`.',
  port: 3001,
  tags: {
    absences: 'Reporting an absence and following it to the return.',
    children: 'The register of children in care and their placements.',
    'information pack': 'What the police are given when a child goes missing.',
    insight: 'The SSDA903 return and patterns, for council managers; the NRM watch.',
  },
  routes: [
    ...Object.values(AbsenceRoutes), ...Object.values(ChildRoutes), ...Object.values(PackRoutes), ...Object.values(InsightRoutes),
    ...Object.values(PlatformRoutes),
  ],
};
