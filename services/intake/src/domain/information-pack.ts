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

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** The image type from the bytes themselves (never the declared content type alone): JPEG or PNG only. */
export function photoType(bytes: Buffer): 'image/jpeg' | 'image/png' | undefined {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return undefined;
}
