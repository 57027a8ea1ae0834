import type { RiskLevel, Role } from '@safeguard/contracts';

export type Ladder = 'T' | 'S';
export type ScopeOf = 'home' | 'council' | 'police-force';

/** One rung of an escalation ladder: who is alerted, how soon after discovery, and what they are asked. */
export interface Rung {
  rung: number;
  afterMinutes: number;
  role: Role;
  scope: ScopeOf;
  ask: 'acknowledge' | 'call-police-now' | 'senior-oversight' | 'strategy-meeting' | 'informed';
  ackWithinMinutes: number;
}

/**
 * Ladder T (domain §4): a trafficked or suspected-trafficked child, a UASC/separated child, or alert level high.
 * Derived from the assessment's explained factors so the tracker needs no copy of the child's profile.
 */
export function ladderFor(level: RiskLevel, overrides: string[], factors: { code: string }[]): Ladder {
  const trafficked = overrides.includes('trafficking-suspected-or-above');
  const uasc = factors.some((f) => f.code === 'uasc-or-separated') || overrides.includes('uasc-within-72h-of-arrival-or-placement');
  return level === 'high' || trafficked || uasc ? 'T' : 'S';
}

/** The first rung of both ladders: the home's duty manager and the on-call manager, at once. */
export const RUNG_ZERO: readonly Rung[] = [
  { rung: 0, afterMinutes: 0, role: 'home-duty-manager', scope: 'home', ask: 'call-police-now', ackWithinMinutes: 15 },
  { rung: 0, afterMinutes: 0, role: 'on-call-manager', scope: 'council', ask: 'acknowledge', ackWithinMinutes: 15 },
];
