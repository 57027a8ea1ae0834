import { z } from 'zod';
import { text } from './text.js';

const list = <T extends z.ZodType>(item: T, max = 20) => z.array(item).max(max).default([]);

/**
 * The police information pack, Part 1 of the Philomena Protocol (docs/domain.md §5): kept current by the placement and
 * shared with the police only on a missing report. Part 2 is the absence report itself.
 */
export const InformationPack = z.strictObject({
  identity: z.strictObject({
    otherNames: list(text(80), 10),
    gender: text(40).optional(),
    nationality: text(60).optional(),
    homeOfficeReference: text(40).optional(),
    ictgContact: text(200).optional(),
    interpreterLanguage: text(60).optional(),
  }),
  physicalDescription: z.strictObject({
    height: text(40).optional(), build: text(60).optional(), hair: text(80).optional(), eyes: text(40).optional(),
    marksScarsTattoos: text(500).optional(),
  }),
  vulnerabilities: list(text(300)),
  warningMarkers: list(text(300)),
  associates: list(z.strictObject({
    name: text(120), relationship: text(80), phone: text(40).optional(), address: text(300).optional(), ofConcern: z.boolean().default(false),
  }), 50),
  placesFrequented: list(z.strictObject({ place: text(200), riskNotes: text(500).optional() }), 50),
  phones: list(z.strictObject({ number: text(40), handset: text(80).optional(), billPayer: text(120).optional() }), 10),
  socialMedia: list(text(200)),
  moneyAndTravelCards: list(text(200)),
  usualTransport: text(300).optional(),
  previousEpisodes: list(z.strictObject({
    from: z.iso.date(), to: z.iso.date().optional(), foundWhere: text(200).optional(), withWhom: text(200).optional(),
    whatHappened: text(1000).optional(),
  }), 100),
});
export type InformationPack = z.infer<typeof InformationPack>;

/** Part 1 of a pack as stored, without the photograph's bytes (`photoTakenOn` a calendar day). */
export interface StoredPack {
  part1: InformationPack;
  photoType: string | null;
  photoTakenOn: string | null;
  updatedAt: Date;
}

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
