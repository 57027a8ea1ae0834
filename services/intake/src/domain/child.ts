import {
  Accommodation, AgeAssessment, CalendarDate, IctgStatus, OrgCode, ProfileConcern, TraffickingStatus, type ChildProfileChangedV2, type DataOf,
} from '@safeguard/contracts';
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
  /** The council's own identifier for the child, as in its SSDA903 return (CHILD): stored as the DfE reads it, in upper case. */
  laChildId: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,10}$/, 'letters and digits, up to 10').optional(),
  legalStatus: z.enum(['s20-voluntary', 's31-care-order', 's38-interim-care-order', 'police-protection', 'remand', 'other']),
  socialWorker: contact.optional(),
  iro: contact.optional(),
  /** NRM status and dates (`since`: when the current status began, kept for older clients); rules in domain/nrm.ts. */
  trafficking: z.strictObject({
    status: TraffickingStatus, since: CalendarDate.optional(), referredOn: CalendarDate.optional(),
    reasonableGroundsOn: CalendarDate.optional(), conclusiveGroundsOn: CalendarDate.optional(),
  }).default({ status: 'none' }),
  /** The Independent Child Trafficking Guardian referral and who to contact there. */
  ictg: z.strictObject({ status: IctgStatus.default('not-referred'), referredOn: CalendarDate.optional(), contact: text(200).optional() })
    .default({ status: 'not-referred' }),
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

/**
 * What other services hear of a child (intake.child-profile.v2): only what scoring and escalation act on. Names,
 * date of birth, home and contacts stay here; the age that counts travels with each report (age at discovery).
 */
const published = (c: Partial<ChildInput>) => ({
  hostCouncil: c.hostCouncil, traffickingStatus: c.trafficking?.status, uasc: c.uasc, separated: c.separated,
  ageAssessment: c.ageAssessment, placementStart: c.placementStart, accommodation: c.accommodation, arrivalDate: c.arrivalDate,
  concerns: c.concerns,
});

/** Whether a change touches anything published (so the profile version moves and an event is published). */
export function riskRelevantChange(before: Partial<ChildInput>, after: Partial<ChildInput>): boolean {
  return JSON.stringify(published(before)) !== JSON.stringify(published(after));
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

/** A registered child as intake keeps it: identity and placement, the published profile's codes, personal details. */
export interface Child {
  id: string;
  homeId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  placingCouncil: string;
  hostCouncil: string;
  placementStart: string;
  accommodation: string;
  ageAssessment: string;
  traffickingStatus: TraffickingStatus;
  traffickingSince: string | null;
  /** NRM referral and the competent authority's decisions; ICTG referral: personal data, never published. */
  nrmReferredOn: string | null;
  reasonableGroundsOn: string | null;
  conclusiveGroundsOn: string | null;
  ictgStatus: IctgStatus;
  ictgReferredOn: string | null;
  ictgContact: string | null;
  uasc: boolean;
  separated: boolean;
  arrivalDate: string | null;
  concerns: string[];
  profileVersion: number;
  legalStatus: string;
  laChildId: string | null;
  /** Contacts, medical and communication needs, languages: personal data, never published. */
  details: Record<string, unknown>;
}

/** The fields of `o` that hold a value (a stored null or an absent field is left out). */
const present = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as { [K in keyof T]?: NonNullable<T[K]> };

/** The record of a child from what was submitted. */
export function childRecord(id: string, c: ChildInput, profileVersion: number): Child {
  const t = c.trafficking;
  return {
    id, homeId: c.homeId, givenName: c.givenName, familyName: c.familyName, dateOfBirth: c.dateOfBirth,
    placingCouncil: c.placingCouncil, hostCouncil: c.hostCouncil, placementStart: c.placementStart, accommodation: c.accommodation,
    ageAssessment: c.ageAssessment, traffickingStatus: t.status, traffickingSince: t.since ?? null,
    nrmReferredOn: t.referredOn ?? null, reasonableGroundsOn: t.reasonableGroundsOn ?? null, conclusiveGroundsOn: t.conclusiveGroundsOn ?? null,
    ictgStatus: c.ictg.status, ictgReferredOn: c.ictg.referredOn ?? null, ictgContact: c.ictg.contact ?? null,
    uasc: c.uasc, separated: c.separated, arrivalDate: c.arrivalDate ?? null, concerns: c.concerns, profileVersion,
    legalStatus: c.legalStatus, laChildId: c.laChildId ?? null,
    details: present({
      socialWorker: c.socialWorker, iro: c.iro, medicalNeeds: c.medicalNeeds, essentialMedication: c.essentialMedication,
      communicationNeeds: c.communicationNeeds, firstLanguage: c.firstLanguage, otherLanguages: c.otherLanguages,
    }),
  };
}

/** A record back in the shape it was submitted in (what a PATCH is merged into). */
export function childInput(r: Child): ChildInput {
  return {
    homeId: r.homeId, givenName: r.givenName, familyName: r.familyName, dateOfBirth: r.dateOfBirth, placingCouncil: r.placingCouncil,
    hostCouncil: r.hostCouncil, placementStart: r.placementStart, accommodation: r.accommodation as ChildInput['accommodation'],
    legalStatus: r.legalStatus as ChildInput['legalStatus'], ...(r.laChildId ? { laChildId: r.laChildId } : {}),
    trafficking: {
      status: r.traffickingStatus,
      ...present({ since: r.traffickingSince, referredOn: r.nrmReferredOn, reasonableGroundsOn: r.reasonableGroundsOn, conclusiveGroundsOn: r.conclusiveGroundsOn }),
    },
    ictg: { status: r.ictgStatus, ...present({ referredOn: r.ictgReferredOn, contact: r.ictgContact }) },
    uasc: r.uasc, separated: r.separated, ...(r.arrivalDate ? { arrivalDate: r.arrivalDate } : {}),
    ageAssessment: r.ageAssessment as ChildInput['ageAssessment'], concerns: r.concerns as ChildInput['concerns'],
    otherLanguages: [], ...(r.details as Partial<ChildInput>),
  };
}

/** What the API shows of a child. */
export const childView = (r: Child) => ({ id: r.id, profileVersion: r.profileVersion, ...childInput(r) });

type Profile = DataOf<typeof ChildProfileChangedV2>;

/** The profile event of a child: codes and dates that scoring and escalation act on, never names or a date of birth. */
export function profileEvent(child: Child): Profile {
  return {
    childId: child.id,
    profileVersion: child.profileVersion,
    hostCouncil: child.hostCouncil,
    traffickingStatus: child.traffickingStatus,
    uasc: child.uasc,
    separated: child.separated,
    ageAssessment: child.ageAssessment as Profile['ageAssessment'],
    placementStart: child.placementStart,
    accommodation: child.accommodation as Profile['accommodation'],
    ...(child.arrivalDate ? { arrivalDate: child.arrivalDate } : {}),
    concerns: child.concerns as Profile['concerns'],
  };
}

/** A placement as the register shows it: the home and the day it started. */
export type Placement = Pick<ChildInput, 'homeId' | 'placementStart'>;

/** What a change to the register does to the placement history (the statutory return's Episodes table). */
export type PlacementChange =
  | { kind: 'none' }
  | { kind: 'corrected'; startedOn: string }
  | { kind: 'started'; homeId: string; startedOn: string; endsCurrent: boolean };

/**
 * A new home ends the current placement the day the new one starts; a corrected start date of the same placement is
 * a correction, not a move. A newly registered child (no `before`) starts their first placement.
 */
export function placementChange(before: Placement | null, after: Placement): PlacementChange {
  if (before && before.homeId === after.homeId) {
    return before.placementStart === after.placementStart ? { kind: 'none' } : { kind: 'corrected', startedOn: after.placementStart };
  }
  return { kind: 'started', homeId: after.homeId, startedOn: after.placementStart, endsCurrent: before !== null };
}
