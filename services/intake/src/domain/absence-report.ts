import { z } from 'zod';
import { text } from './text.js';
import { AbsenceClassification, Circumstance, FoundBy, Instant, NotifiableEvent, PoliceReference, RiskLevel } from '@safeguard/contracts';
import { fieldsGiven, type PlacementInForce } from './access.js';


/** What residential staff submit when a child is missing (M) or away (A): Part 2 of the information pack. */
export const AbsenceReportInput = z.strictObject({
  childId: z.uuid(),
  classification: AbsenceClassification,
  lastSeen: z.strictObject({ at: Instant, where: text(200), by: text(120) }),
  discoveredAt: Instant,
  circumstances: z.array(Circumstance).max(32).default([]),
  clothing: text(500).optional(),
  tookWith: text(500).optional(),
  mayBeWith: text(500).optional(),
  actionsTaken: text(1000).optional(),
});
export type AbsenceReportInput = z.infer<typeof AbsenceReportInput>;

/** Clock skew we accept between a phone and the server. */
const SKEW_MS = 5 * 60_000;

/** Times must be in order and not in the future; returns the problems by field name. */
export function timeProblems(input: Pick<AbsenceReportInput, 'lastSeen' | 'discoveredAt'>, now: Date) {
  const problems: { name: string; reason: string }[] = [];
  const lastSeen = Date.parse(input.lastSeen.at);
  const discovered = Date.parse(input.discoveredAt);
  if (lastSeen > now.getTime() + SKEW_MS) problems.push({ name: 'body.lastSeen.at', reason: 'is in the future' });
  if (discovered > now.getTime() + SKEW_MS) problems.push({ name: 'body.discoveredAt', reason: 'is in the future' });
  if (discovered < lastSeen) problems.push({ name: 'body.discoveredAt', reason: 'is before the child was last seen' });
  return problems;
}

/** A human reference for an episode, safe to put in emails: no name, just year and number. */
export const episodeReference = (year: number, sequence: number): string =>
  `MFC-${year}-${String(sequence).padStart(6, '0')}`;


const Facts = {
  clothing: text(500).optional(),
  tookWith: text(500).optional(),
  mayBeWith: text(500).optional(),
  actionsTaken: text(1000).optional(),
};

/** The Part 2 facts given (what they wore and took, who they may be with, actions taken), leaving out those not given. */
export function factsOf(input: Partial<Record<keyof typeof Facts, string>>): Record<string, string> {
  return Object.fromEntries((Object.keys(Facts) as (keyof typeof Facts)[]).flatMap((k) => (input[k] === undefined ? [] : [[k, input[k]]])));
}

/**
 * New facts on an open episode: police reference and grade, A→M, more circumstances, Part 2 details, and regulation 40
 * events as they become known (a children's home notifies Ofsted of them).
 */
export const AbsenceUpdateInput = z.strictObject({
  policeReference: PoliceReference.optional(),
  policeGrade: RiskLevel.optional(),
  classification: z.literal('M', 'only A to M reclassification is allowed').optional(),
  addCircumstances: z.array(Circumstance).max(32).default([]),
  notifiableEvents: z.array(NotifiableEvent).max(8).default([]),
  ...Facts,
}).refine((u) => fieldsGiven(u).length > 0, { message: 'nothing to update' });
export type AbsenceUpdateInput = z.infer<typeof AbsenceUpdateInput>;

/** The codes of `given` not yet in `recorded`, each once, in the order given: what an update adds. */
export const newlyAdded = <T extends string>(recorded: readonly T[], given: readonly T[]): T[] =>
  [...new Set(given)].filter((c) => !recorded.includes(c));

/** The child is back: when located and returned, where and by whom, and the safe-and-well check. */
export const ReturnInput = z.strictObject({
  locatedAt: Instant,
  returnedAt: Instant,
  where: text(200),
  by: text(120),
  foundBy: FoundBy,
  safeAndWellCheck: z.strictObject({ at: Instant, by: text(120) }).optional(),
  /** Asked every time: "not harmed" is an answer someone gives, never a default. */
  harmDuringEpisode: z.boolean(),
});
export type ReturnInput = z.infer<typeof ReturnInput>;

/** A return cannot precede the discovery, nor be in the future; returned is not before located. */
export function returnProblems(r: Pick<ReturnInput, 'locatedAt' | 'returnedAt'>, discoveredAt: Date, now: Date) {
  const problems: { name: string; reason: string }[] = [];
  const located = Date.parse(r.locatedAt);
  const returned = Date.parse(r.returnedAt);
  if (located < discoveredAt.getTime()) problems.push({ name: 'body.locatedAt', reason: 'is before the child was discovered missing' });
  if (located > now.getTime() + SKEW_MS) problems.push({ name: 'body.locatedAt', reason: 'is in the future' });
  if (returned < located) problems.push({ name: 'body.returnedAt', reason: 'is before the child was located' });
  if (returned > now.getTime() + SKEW_MS) problems.push({ name: 'body.returnedAt', reason: 'is in the future' });
  return problems;
}

/** An episode as intake holds it, with the child's placement and force (what access and the rules need). */
export interface AbsenceEpisode extends PlacementInForce {
  episodeId: string;
  childId: string;
  state: 'open' | 'returned';
  classification: string;
  discoveredAt: Date;
  policeReference: string | null;
  policeGrade: string | null;
  circumstances: z.infer<typeof Circumstance>[];
  notifiableEvents: NotifiableEvent[];
  facts: Record<string, string>;
}

/** A child's open episode: its id, reference and the police force of the home it was reported from. */
export interface OpenEpisode {
  episodeId: string;
  reference: string;
  policeForce: string;
}
