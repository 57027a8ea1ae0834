import { z } from 'zod';
import { AbsenceClassification, Circumstance, Instant, type Role, type Scope } from '@safeguard/contracts';

const text = (max: number) => z.string().trim().min(1).max(max);

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

const HOME_ROLES: readonly Role[] = ['care-staff', 'home-duty-manager'];
const COUNCIL_ROLES: readonly Role[] = [
  'on-call-manager', 'duty-managers-manager', 'social-worker', 'out-of-hours-team', 'team-manager', 'service-manager',
  'assistant-director', 'director',
];

/** Who may report an absence of a child: staff of the child's home, or council roles of a council responsible for it. */
export function mayReport(
  caller: { role: Role; scope: Scope },
  child: { homeId: string; placingCouncil: string; hostCouncil: string },
): boolean {
  if (HOME_ROLES.includes(caller.role)) return caller.scope.kind === 'home' && caller.scope.id === child.homeId;
  if (COUNCIL_ROLES.includes(caller.role)) {
    return caller.scope.kind === 'council' && [child.placingCouncil, child.hostCouncil].includes(caller.scope.id);
  }
  return false;
}
