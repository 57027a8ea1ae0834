import type { Level, LadderName, Policy, Rung } from './policy.js';
import { LADDERS } from './policy.js';

/** What the tracker knows of a child from the explained assessment (no copy of the profile needed). */
export interface Flags {
  trafficked: boolean;
  uascOrSeparated: boolean;
}

export function flagsFrom(overrides: string[], factors: { code: string }[]): Flags {
  return {
    trafficked: overrides.includes('trafficking-suspected-or-above'),
    uascOrSeparated: factors.some((f) => f.code === 'uasc-or-separated') || overrides.includes('uasc-within-72h-of-arrival-or-placement'),
  };
}

/** Ladder T for trafficked, suspected-trafficked, UASC/separated or high; otherwise ladder S by level (domain §4). */
export function ladderFor(level: Level, flags: Flags): LadderName {
  if (flags.trafficked || flags.uascOrSeparated || level === 'high') return 'T';
  if (level === 'medium') return 'S-medium';
  return 'S-low';
}

/** The stricter of two ladders: an open episode never moves to a laxer one. */
export const stricter = (a: LadderName, b: LadderName): LadderName => (LADDERS.indexOf(a) >= LADDERS.indexOf(b) ? a : b);

export interface PlannedRung {
  rung: Rung;
  index: number;
  dueAt: Date;
}

/** When each rung of a ladder falls due for an episode; rungs already fired are left out. */
export function planRungs(policy: Policy, ladder: LadderName, discoveredAt: Date, level: Level, fired: ReadonlySet<string>): PlannedRung[] {
  return policy.ladders[ladder]
    .map((rung, index) => {
      const after = level === 'high' && rung.afterSecondsIfHigh !== undefined ? rung.afterSecondsIfHigh : rung.afterSeconds;
      return { rung, index, dueAt: new Date(discoveredAt.getTime() + after * 1000) };
    })
    .filter((p) => !fired.has(p.rung.key));
}

/** Whether a rung applies to this episode now (trafficking-only rows; "if no police reference yet"). */
export function rungApplies(rung: Rung, ctx: { flags: Flags; policeReference: string | null }): boolean {
  if (rung.onlyIf === 'trafficked') return ctx.flags.trafficked;
  if (rung.onlyIf === 'no-police-reference') return ctx.policeReference === null;
  return true;
}

/** The rung an unacknowledged alert escalates to: its own escalateTo audience, else the next rung of the ladder. */
export function escalationOf(policy: Policy, ladder: LadderName, rungKey: string): { audience?: Rung['escalateTo']; nextRungKey?: string } {
  const rungs = policy.ladders[ladder];
  // An escalation alert that is itself ignored moves on to the next rung, never back to the same audience.
  const escalated = rungKey.startsWith(ESCALATED);
  const i = rungs.findIndex((r) => r.key === ladderRungKey(rungKey));
  if (i < 0) return {};
  if (!escalated && rungs[i]!.escalateTo) return { audience: rungs[i]!.escalateTo };
  return { nextRungKey: rungs[i + 1]?.key };
}

/** Prefix of the rung key of an alert sent to a rung's escalateTo audience. */
export const ESCALATED = 'escalated:';

/** The ladder rung an alert's rung key belongs to (an escalation alert belongs to the rung it escalated). */
export const ladderRungKey = (rungKey: string) => (rungKey.startsWith(ESCALATED) ? rungKey.slice(ESCALATED.length) : rungKey);
