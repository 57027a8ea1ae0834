import { PoliceReference, Role, ScopeKind } from '@safeguard/contracts';
import { PlatformRoutes, route, type ServiceApi } from '@safeguard/platform';
import { z } from 'zod';
import { ukMobile } from '../domain/contact.js';

/*
 * The notifier's HTTP routes, declared once: the controllers parse with these schemas and the OpenAPI document
 * (services/notifier/openapi.json, served at /api/docs) is generated from them.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
/** A UK mobile as people write it, stored in E.164. */
const Mobile = z.string().max(30).transform((s, ctx) => ukMobile(s) ?? (ctx.addIssue({ code: 'custom', message: 'a UK mobile number, e.g. 07700 900123' }), z.NEVER))
  .describe('A UK mobile number as people write it, e.g. 07700 900123');
const Instant = z.iso.datetime({ offset: true });
const Id = z.strictObject({ id: z.uuid() });

const PersonInput = z.strictObject({
  name: text(120), email: z.email().max(200), mobile: Mobile.optional(), role: Role, scope: z.strictObject({ kind: ScopeKind, id: text(64) }),
  defaultHolder: z.boolean().default(false), active: z.boolean().default(true),
});
const PersonPatch = z.strictObject({ email: z.email().max(200).optional(), mobile: Mobile.nullable().optional(), defaultHolder: z.boolean().optional(), active: z.boolean().optional() })
  .refine((p) => Object.keys(p).length > 0, 'nothing to update');
const ShiftInput = z.strictObject({ personId: z.uuid(), startsAt: Instant, endsAt: Instant })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { path: ['endsAt'], message: 'must be after startsAt' })
  .refine((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) <= 7 * 86_400_000, { path: ['endsAt'], message: 'a shift is at most 7 days' });

// The answers, as the repository and service return them (repositories/directory.repository.ts). Not strict: fields may be added.
const E164Mobile = z.string().regex(/^\+447\d{9}$/).describe('A UK mobile in E.164, e.g. +447700900123');
const PersonPlace = { role: Role, scopeKind: ScopeKind, scopeId: z.string() };
/** A person as listed and as changed. */
const Person = z.object({
  id: z.uuid(), name: z.string(), email: z.email(), mobile: E164Mobile.nullable(), ...PersonPlace, active: z.boolean(), defaultHolder: z.boolean(),
  council: z.string().nullable().describe('The council whose directory lists them'),
});
/** A person as added: what was asked for, the mobile in E.164, with their id and the caller's council. */
const PersonAdded = z.object({
  id: z.uuid(), name: z.string(), email: z.email(), mobile: E164Mobile.optional(), role: Role, scope: z.object({ kind: ScopeKind, id: z.string() }),
  defaultHolder: z.boolean(), active: z.boolean(), council: z.string(),
});
/** A shift as added: the span asked for, in the role and scope its person holds. */
const ShiftAdded = z.object({ id: z.uuid(), personId: z.uuid(), startsAt: Instant, endsAt: Instant, ...PersonPlace });
/** A shift on the rota, with its person's name and council. */
const Shift = ShiftAdded.extend({ name: z.string(), council: z.string().nullable() });

/** The directory of people who receive alerts and the duty rota: each council's administrators (domain/access.ts). */
export const DirectoryRoutes = {
  people: route({
    method: 'get', path: '/api/v1/people', operationId: 'listPeople', tag: 'directory', summary: 'The people who receive alerts',
    roles: ['admin'], responses: { 200: { description: 'The council\'s people', schema: z.array(Person) } }, problems: [403],
  }),
  addPerson: route({
    method: 'post', path: '/api/v1/people', operationId: 'addPerson', tag: 'directory', summary: 'Add a person who receives alerts',
    roles: ['admin'], body: PersonInput, responses: { 201: { description: 'The person added', schema: PersonAdded } }, problems: [403, 409],
  }),
  updatePerson: route({
    method: 'patch', path: '/api/v1/people/{id}', operationId: 'updatePerson', tag: 'directory', summary: 'Change how a person is reached',
    roles: ['admin'], params: Id, body: PersonPatch, responses: { 200: { description: 'The person as changed', schema: Person } }, problems: [403, 404],
  }),
  rota: route({
    method: 'get', path: '/api/v1/rota', operationId: 'listRota', tag: 'directory', summary: 'The duty rota',
    roles: ['admin'], query: z.strictObject({ role: Role.optional(), from: Instant.optional() }),
    responses: { 200: { description: 'The shifts not yet ended, in start order', schema: z.array(Shift) } }, problems: [403],
  }),
  addShift: route({
    method: 'post', path: '/api/v1/rota', operationId: 'addShift', tag: 'directory', summary: 'A shift for a person in the role and scope they hold',
    roles: ['admin'], body: ShiftInput, responses: { 201: { description: 'The shift added', schema: ShiftAdded } }, problems: [403, 404, 409],
  }),
} as const;

const AckPath = z.strictObject({ token: z.string().max(2_000).describe('The signed link token from the alert') });
const PAGES = ['text/html'] as const;

/** Signed acknowledgement links: GET only shows a confirmation page (mail scanners follow links); POST records it once. */
export const AckRoutes = {
  show: route({
    method: 'get', path: '/ack/{token}', operationId: 'showAckLink', tag: 'acknowledgement links', public: true,
    summary: 'The confirmation page of an acknowledgement link', description: 'Records nothing: mail scanners follow links.',
    params: AckPath,
    responses: {
      200: { description: 'The alert, with a button to acknowledge it', mediaTypes: PAGES },
      404: { description: 'Link not recognised', mediaTypes: PAGES },
      409: { description: 'Already acknowledged', mediaTypes: PAGES },
      410: { description: 'The link has expired', mediaTypes: PAGES },
    },
  }),
  acknowledge: route({
    method: 'post', path: '/ack/{token}', operationId: 'acknowledgeByLink', tag: 'acknowledgement links', public: true,
    summary: 'Acknowledge the alert of a signed link, once', params: AckPath,
    body: z.object({ policeReference: z.union([PoliceReference, z.literal('')]).optional() }), optionalBody: true,
    bodyMediaType: 'application/x-www-form-urlencoded',
    responses: {
      200: { description: 'Acknowledged', mediaTypes: PAGES },
      400: { description: 'The police reference is missing or malformed: the form again, naming it', mediaTypes: PAGES },
      404: { description: 'Link not recognised', mediaTypes: PAGES },
      409: { description: 'Already acknowledged; nothing more recorded', mediaTypes: PAGES },
      410: { description: 'The link has expired', mediaTypes: PAGES },
    },
  }),
} as const;

/** GOV.UK Notify's callback bodies, as its documentation defines them (fields we do not use are allowed through). */
const NotifyTime = z.iso.datetime({ offset: true });

export const NotifyCallbackRoutes = {
  deliveryReceipt: route({
    method: 'post', path: '/notify/delivery-receipts', operationId: 'notifyDeliveryReceipt', tag: 'notify callbacks', public: true,
    securityScheme: 'notifyCallback', summary: 'A delivery receipt from GOV.UK Notify',
    description: 'A receipt for a delivery we do not know is logged (ids only) and ignored.',
    body: z.object({
      id: z.uuid(),
      reference: z.string().max(1000).nullable(),
      status: z.string().min(1).max(40),
      notification_type: z.enum(['email', 'sms', 'letter']),
      completed_at: NotifyTime.nullable().optional(),
      created_at: NotifyTime,
    }),
    responses: { 200: { description: 'What became of it', schema: z.object({ result: z.enum(['applied', 'ignored', 'unknown']) }) } },
  }),
  receivedText: route({
    method: 'post', path: '/notify/received-texts', operationId: 'notifyReceivedText', tag: 'notify callbacks', public: true,
    securityScheme: 'notifyCallback', summary: 'A text message received by GOV.UK Notify (a reply to an alert)',
    body: z.object({
      id: z.uuid(),
      source_number: z.string().min(5).max(20),
      destination_number: z.string().max(20).optional(),
      message: z.string().max(2000),
      date_received: NotifyTime,
    }),
    responses: { 200: { description: 'What the reply did', schema: z.object({ outcome: z.string() }) } },
  }),
} as const;

export const notifierApi: ServiceApi = {
  service: 'notifier',
  title: 'Safeguard notifier',
  description: 'Reaches people by text and email, takes their acknowledgements by link and reply, and keeps the directory and rota.',
  port: 3004,
  tags: {
    directory: 'People who receive alerts and the duty rota, for council administrators.',
    'acknowledgement links': 'The signed links in alert emails and texts (HTML pages, no token).',
    'notify callbacks': 'Where GOV.UK Notify posts delivery receipts and received texts.',
  },
  securitySchemes: {
    notifyCallback: {
      type: 'http', scheme: 'bearer',
      description: 'The bearer token set in GOV.UK Notify\'s callback settings (NOTIFY_CALLBACK_TOKEN); a wrong one gets 401 and changes nothing.',
    },
  },
  routes: [
    ...Object.values(DirectoryRoutes), ...Object.values(AckRoutes), ...Object.values(NotifyCallbackRoutes), ...Object.values(PlatformRoutes),
  ],
};
