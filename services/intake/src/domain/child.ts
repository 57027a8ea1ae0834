import { Accommodation, AgeAssessment, CalendarDate, OrgCode, ProfileConcern, TraffickingStatus } from '@safeguard/contracts';
import { z } from 'zod';
import { text } from './text.js';

const contact = z.strictObject({ name: text(120), phone: text(40).optional(), email: z.email().max(200).optional() });

/** The children register: identity and placement (personal data, stays in intake) and the safeguarding profile. */
export const ChildInput = z.strictObject({
  homeId: z.uuid(),
  givenName: text(80),
  familyName: text(80),
  dateOfBirth: CalendarDate,
  placingCouncil: OrgCode,
  hostCouncil: OrgCode,
  placementStart: CalendarDate,
  accommodation: Accommodation,
  /** The council's own identifier for the child, as in its SSDA903 return (CHILD). */
  laChildId: z.string().trim().regex(/^[A-Za-z0-9]{1,10}$/, 'letters and digits, up to 10').optional(),
  legalStatus: z.enum(['s20-voluntary', 's31-care-order', 's38-interim-care-order', 'police-protection', 'remand', 'other']),
  socialWorker: contact.optional(),
  iro: contact.optional(),
  trafficking: z.strictObject({ status: TraffickingStatus, since: CalendarDate.optional() }).default({ status: 'none' }),
  uasc: z.boolean().default(false),
  separated: z.boolean().default(false),
  arrivalDate: CalendarDate.optional(),
  ageAssessment: AgeAssessment.default('not-required'),
  concerns: z.array(ProfileConcern).max(32).default([]),
  medicalNeeds: text(1000).optional(),
  essentialMedication: text(500).optional(),
  communicationNeeds: text(500).optional(),
  firstLanguage: text(60).optional(),
  otherLanguages: z.array(text(60)).max(10).default([]),
}).superRefine((c, ctx) => {
  if ((c.uasc || c.separated) && !c.arrivalDate) ctx.addIssue({ code: 'custom', path: ['arrivalDate'], message: 'required for UASC or separated children' });
  if (c.arrivalDate && c.arrivalDate < c.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['arrivalDate'], message: 'is before the date of birth' });
  if (c.placementStart < c.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['placementStart'], message: 'is before the date of birth' });
});
export type ChildInput = z.infer<typeof ChildInput>;

/** The fields whose change other services must hear about (child-profile.v1); the rest is personal and stays here. */
export const RISK_RELEVANT: readonly (keyof ChildInput)[] = [
  'homeId', 'dateOfBirth', 'placingCouncil', 'hostCouncil', 'placementStart', 'accommodation', 'trafficking', 'uasc',
  'separated', 'arrivalDate', 'ageAssessment', 'concerns',
];

/** Whether a change touches anything risk-relevant (so the profile version moves and an event is published). */
export function riskRelevantChange(before: Partial<ChildInput>, after: Partial<ChildInput>): boolean {
  return RISK_RELEVANT.some((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/**
 * A move to another home starts a new placement: it needs that placement's start date, after the current one began
 * (the statutory return's placement history depends on it).
 */
export function placementChangeProblems(before: Pick<ChildInput, 'homeId' | 'placementStart'>, after: Pick<ChildInput, 'homeId' | 'placementStart'>) {
  return before.homeId !== after.homeId && after.placementStart <= before.placementStart
    ? [{ name: 'body.placementStart', reason: "a move to another home needs the new placement's start date, after the current placement began" }]
    : [];
}
