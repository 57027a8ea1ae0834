import { LADDER_T_CODES, type FactorCode, type OverrideCode } from '@safeguard/contracts';
import type { ChildFlags, Classification, Episode } from './episode.js';
import { LADDERS, type LadderName, type Level, type Rung } from './policy.js';

/** What scoring tells the tracker about the child (no copy of the profile needed). */
export function flagsFromAssessment(overrides: readonly OverrideCode[], factors: readonly { code: FactorCode }[]): Partial<ChildFlags> {
  return {
    trafficked: overrides.includes(LADDER_T_CODES.trafficked),
    uascOrSeparated: overrides.includes(LADDER_T_CODES.uascRecentlyArrived) || factors.some((f) => f.code === LADDER_T_CODES.uascOrSeparated),
    under13: overrides.includes('under-13'),
  };
}

/** Flags only ever turn on while an episode is open. */
export const mergeFlags = (a: ChildFlags, b: Partial<ChildFlags>): ChildFlags => ({
  trafficked: a.trafficked || !!b.trafficked,
  uascOrSeparated: a.uascOrSeparated || !!b.uascOrSeparated,
  under13: a.under13 || !!b.under13,
  nrmReferred: a.nrmReferred || !!b.nrmReferred,
  childrensHome: a.childrensHome || !!b.childrensHome,
  sexualExploitation: a.sexualExploitation || !!b.sexualExploitation,
});

/** Before scoring answers: trafficked, UASC or under 13 → high; otherwise low until scored. */
export const provisionalLevel = (flags: ChildFlags): Level =>
  (flags.trafficked || flags.uascOrSeparated || flags.under13 ? 'high' : 'low');

/**
 * Ladder T for trafficked, suspected-trafficked or UASC/separated children; S-high for other high-risk children;
 * S-medium; S-low. An absence classified A follows the away ladder (S-low) unless its level is high.
 */
export function ladderFor(level: Level, flags: ChildFlags, classification: Classification): LadderName {
  const high = level === 'high' || flags.under13;
  if (classification === 'A' && !high) return 'S-low';
  if (flags.trafficked || flags.uascOrSeparated) return 'T';
  if (high) return 'S-high';
  return level === 'medium' ? 'S-medium' : 'S-low';
}

/** The stricter of two ladders: an open episode never moves to a laxer one. */
export const stricter = (a: LadderName, b: LadderName): LadderName => (LADDERS.indexOf(a) >= LADDERS.indexOf(b) ? a : b);

/** When a rung's n-th occurrence (1-based) falls due for an episode at its level. */
export function stepDueAt(rung: Rung, e: Pick<Episode, 'discoveredAt' | 'level'>, occurrence = 1): Date {
  const after = e.level === 'high' && rung.afterSecondsIfHigh !== undefined ? rung.afterSecondsIfHigh : rung.afterSeconds;
  return new Date(e.discoveredAt.getTime() + (after + (occurrence - 1) * (rung.repeatEverySeconds ?? 0)) * 1000);
}

/** A step key: the rung key, with "@n" for the n-th occurrence of a repeating rung. */
export const stepKey = (rung: Rung, occurrence: number) => (rung.repeatEverySeconds ? `${rung.key}@${occurrence}` : rung.key);
export const parseStepKey = (key: string): { rungKey: string; occurrence: number } => {
  const [rungKey, n] = key.split('@');
  return { rungKey: rungKey!, occurrence: n ? Number(n) : 1 };
};

/** The latest occurrence of a rung due by now (0 when not yet due). */
export function occurrencesDue(rung: Rung, e: Pick<Episode, 'discoveredAt' | 'level'>, now: Date): number {
  const first = stepDueAt(rung, e).getTime();
  if (first > now.getTime()) return 0;
  if (!rung.repeatEverySeconds) return 1;
  return 1 + Math.floor((now.getTime() - first) / (rung.repeatEverySeconds * 1000));
}

/** Whether a rung applies to this episode now (trafficking-only rows; "if no police reference yet"). */
export function rungApplies(rung: Rung, e: Pick<Episode, 'flags' | 'policeReference'>): boolean {
  if (rung.onlyIf === 'trafficked') return e.flags.trafficked;
  if (rung.onlyIf === 'no-police-reference') return e.policeReference === null;
  return true;
}
