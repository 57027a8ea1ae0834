import { z } from 'zod';
import {
  AbsenceClassification, Accommodation, AgeAssessment, ChildId, Circumstance, EpisodeId, FoundBy, IctgStatus, NotifiableEvent, RiskLevel, TraffickingStatus,
} from '../codes.js';

/*
 * Intake's HTTP answers (api/v1) as the console reads them: one schema per answer, with the fields the console
 * uses. Not strict: intake may add fields. A field missing or changed fails the console's parse, naming the field,
 * instead of rendering a broken page.
 */

const count = z.int().nonnegative();

/** GET /children/{id}, and each child of GET /homes/{homeId}/children. */
export const Child = z.object({ id: ChildId, givenName: z.string(), familyName: z.string() });
export type Child = z.infer<typeof Child>;

export const HomeChildren = z.array(Child);
export type HomeChildren = z.infer<typeof HomeChildren>;

/** POST /absences: the episode opened for the report (or the first one, for a repeated submission). */
export const AbsenceRecorded = z.object({ episodeId: EpisodeId, reference: z.string() });
export type AbsenceRecorded = z.infer<typeof AbsenceRecorded>;

/** GET /children/{id}/information-pack: Part 1, completed with the child's identity from the register. */
export const InformationPack = z.object({
  child: z.object({
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: z.string(),
    trafficking: z.object({ status: TraffickingStatus }),
    firstLanguage: z.string().optional(),
  }),
  part1: z.object({
    physicalDescription: z.object({ height: z.string().optional(), build: z.string().optional(), hair: z.string().optional() }),
    vulnerabilities: z.array(z.string()),
    /** Counted, not shown. */
    associates: z.array(z.unknown()),
  }),
  photoType: z.string().nullable(),
  photoTakenOn: z.string().nullable(),
});
export type InformationPack = z.infer<typeof InformationPack>;

const text = z.string();
const optionalText = text.optional();
const contact = z.object({ name: text, phone: optionalText, email: optionalText });
const list = z.array(text);

/** Part 1 of the information pack as it is stored (docs/domain.md §5; services/intake/src/domain/information-pack.ts), for the briefing. */
export const Part1 = z.object({
  identity: z.object({
    otherNames: list, gender: optionalText, nationality: optionalText, homeOfficeReference: optionalText,
    ictgContact: optionalText, interpreterLanguage: optionalText,
  }),
  physicalDescription: z.object({ height: optionalText, build: optionalText, hair: optionalText, eyes: optionalText, marksScarsTattoos: optionalText }),
  vulnerabilities: list,
  warningMarkers: list,
  associates: z.array(z.object({ name: text, relationship: text, phone: optionalText, address: optionalText, ofConcern: z.boolean() })),
  placesFrequented: z.array(z.object({ place: text, riskNotes: optionalText })),
  phones: z.array(z.object({ number: text, handset: optionalText, billPayer: optionalText })),
  socialMedia: list,
  moneyAndTravelCards: list,
  usualTransport: optionalText,
  previousEpisodes: z.array(z.object({ from: text, to: optionalText, foundWhere: optionalText, withWhom: optionalText, whatHappened: optionalText })),
});
export type Part1 = z.infer<typeof Part1>;

/** Part 2 of the information pack: the absence report as made and added to since. */
export const Part2 = z.object({
  lastSeen: z.object({ at: text, where: text, by: text }),
  circumstances: z.array(Circumstance),
  notifiableEvents: z.array(NotifiableEvent),
  clothing: optionalText,
  tookWith: optionalText,
  mayBeWith: optionalText,
  actionsTaken: optionalText,
  /** When the report was last added to. */
  updatedAt: text,
});
export type Part2 = z.infer<typeof Part2>;

/** GET /absences/{episodeId}: what has been recorded of an absence, for those acting for the child (audited). */
export const AbsenceReport = z.object({
  episodeId: EpisodeId,
  reference: text,
  state: z.enum(['open', 'returned']),
  classification: AbsenceClassification,
  part2: Part2,
});
export type AbsenceReport = z.infer<typeof AbsenceReport>;

/**
 * GET /absences/{episodeId}/briefing: what the police are given to search for a missing child (the Philomena
 * Protocol): the child's identity from the register, Part 1 (null when the home has not written one: the briefing then
 * names who to call at the home) and Part 2, the report as updated since. Every read is audited with the episode.
 */
export const PoliceBriefing = z.object({
  episode: z.object({
    episodeId: EpisodeId,
    reference: text,
    state: z.enum(['open', 'returned']),
    classification: AbsenceClassification,
    discoveredAt: text,
    reportedAt: text,
    policeReference: text.nullable(),
    policeGrade: RiskLevel.nullable(),
  }),
  child: z.object({
    childId: ChildId,
    givenName: text,
    familyName: text,
    dateOfBirth: text,
    /** Whole years today (UK calendar). */
    age: z.int().nonnegative(),
    legalStatus: text,
    placingCouncil: text,
    /** Its name in the register (null if it has none). */
    placingCouncilName: text.nullable(),
    accommodation: Accommodation,
    uasc: z.boolean(),
    separated: z.boolean(),
    arrivalDate: text.nullable(),
    ageAssessment: AgeAssessment,
    firstLanguage: optionalText,
    otherLanguages: list,
    medicalNeeds: optionalText,
    essentialMedication: optionalText,
    communicationNeeds: optionalText,
    socialWorker: contact.optional(),
    iro: contact.optional(),
    trafficking: z.object({
      status: TraffickingStatus,
      referredOn: text.nullable(),
      reasonableGroundsOn: text.nullable(),
      conclusiveGroundsOn: text.nullable(),
      /** The 5th working day after the referral (England and Wales), while no Reasonable Grounds decision is recorded. */
      reasonableGroundsDueOn: text.nullable(),
    }),
    ictg: z.object({ status: IctgStatus, referredOn: text.nullable(), contact: text.nullable() }),
  }),
  part1: Part1.nullable(),
  photo: z.object({ takenOn: text }).nullable(),
  /** The child's earlier episodes as Safeguard recorded them at each return, newest first (Part 1 has the home's own list). */
  recordedEpisodes: z.array(z.object({
    reference: text,
    discoveredAt: text,
    returnedAt: text,
    foundWhere: text.nullable(),
    foundBy: FoundBy.nullable(),
    /** Who the report said they may be with. */
    mayHaveBeenWith: text.nullable(),
    harmDuringEpisode: z.boolean().nullable(),
  })),
  part2: Part2,
  /** Who to call at the home the child was reported missing from. */
  home: z.object({ name: text, phone: text.nullable() }),
  readFor: EpisodeId,
  audited: z.literal(true),
});
export type PoliceBriefing = z.infer<typeof PoliceBriefing>;

/** GET /homes/{homeId}: a home as the console names it, with the number to call there. */
export const Home = z.object({
  id: z.uuid(), name: text, council: text, policeForce: text, phone: text.nullable(), councilName: text.nullable(), policeForceName: text.nullable(),
});
export type Home = z.infer<typeof Home>;

/**
 * GET /insight/nrm-watch?council=: the council's children referred to the NRM with no Reasonable Grounds decision yet,
 * soonest due first. The decision is due within 5 working days of the referral (England and Wales bank holidays).
 */
export const NrmWatch = z.object({
  council: text,
  children: z.array(z.object({
    childId: ChildId,
    givenName: text,
    familyName: text,
    /** Null for a child referred before referral dates were kept: the due day is unknown until the date is recorded. */
    referredOn: text.nullable(),
    reasonableGroundsDueOn: text.nullable(),
    /** Working days past the due date (0 while not yet overdue, or with no referral date). */
    workingDaysOverdue: count,
    overdue: z.boolean(),
    /** Missing now: the competent authority must be told (docs/domain.md). */
    missingNow: z.boolean(),
  })),
});
export type NrmWatch = z.infer<typeof NrmWatch>;

/** A child as the insight views name them: the council's identifier (CHILD, '' when not recorded) and name. */
export const NamedChild = z.object({ childId: ChildId, CHILD: z.string(), childName: z.string() });
export type NamedChild = z.infer<typeof NamedChild>;

export const PlaceCount = z.object({ place: z.string(), episodes: count, children: count });
export type PlaceCount = z.infer<typeof PlaceCount>;

/** Why two children are linked for a professional to review. */
export const PatternLinkKind = z.enum(['missing-together', 'found-at-same-place', 'shared-associate']);
export type PatternLinkKind = z.infer<typeof PatternLinkKind>;

/** GET /insight/patterns: when, who again, where, and links, for a council and collection year. */
export const Patterns = z.object({
  episodes: count,
  children: count,
  /** Rows Monday to Sunday, columns UK hours 0 to 23. */
  hourByWeekday: z.array(z.array(count).length(24)).length(7),
  /** Episodes by month, April first. */
  repeats: z.array(NamedChild.extend({ total: count, byMonth: z.array(count).length(12) })),
  places: z.object({ lastSeen: z.array(PlaceCount), found: z.array(PlaceCount) }),
  links: z.array(z.object({
    kind: PatternLinkKind,
    children: z.tuple([NamedChild, NamedChild]),
    episodes: z.array(z.string()),
    /** The place or associate they share, as recorded. */
    detail: z.string(),
  })),
});
export type Patterns = z.infer<typeof Patterns>;

/** The SSDA903 tables this system fills in. */
export const ReturnTableName = z.enum(['Header', 'Episodes', 'Missing']);
export type ReturnTableName = z.infer<typeof ReturnTableName>;

/** A DfE rule as the return page explains it: the DfE's words, the table and fields it names, and what to change here. */
export const ReturnRule = z.object({ code: z.string(), message: z.string(), table: ReturnTableName, fields: z.array(z.string()), fix: z.string() });
export type ReturnRule = z.infer<typeof ReturnRule>;

/** A table beside Missing: the DfE's columns, the ones this system fills (the rest are blank), and its size. */
const OtherTable = z.object({ columns: z.array(z.string()), known: z.array(z.string()), rows: count });

/** GET /insight/ssda903-missing: the DfE Missing table and every rule failure, for a council and collection year. */
export const MissingReturn = z.object({
  columns: z.array(z.string()),
  checkedRules: z.array(z.string()),
  rules: z.array(ReturnRule),
  /** One per episode, keyed by column (dates dd/mm/yyyy, blank ''). */
  rows: z.array(z.record(z.string(), z.string())),
  failures: z.array(NamedChild.extend({
    rule: z.string(), table: ReturnTableName, message: z.string(), fields: z.array(z.string()), fix: z.string(),
    /** The episode reference (Missing), or the placement (Episodes). */
    reference: z.string(),
  })),
  tables: z.object({ Header: OtherTable, Episodes: OtherTable }),
});
export type MissingReturn = z.infer<typeof MissingReturn>;

/**
 * GET /insight/ssda903-header and /insight/ssda903-episodes: the DfE Header (a row per child looked after in the
 * year) or Episodes table (a row per placement open in it), as far as this system knows them.
 */
export const ReturnTable = z.object({
  columns: z.array(z.string()),
  known: z.array(z.string()),
  /** Keyed by column (dates dd/mm/yyyy, blank ''), with the child's id. */
  rows: z.array(z.record(z.string(), z.string())),
});
export type ReturnTable = z.infer<typeof ReturnTable>;
