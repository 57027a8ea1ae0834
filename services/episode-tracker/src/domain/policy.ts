import { Role, RiskLevel, ScopeKind } from '@safeguard/contracts';
import { z } from 'zod';

const seconds = z.int().nonnegative();
const Audience = z.strictObject({ role: Role, scope: ScopeKind });
export type Audience = z.infer<typeof Audience>;

export const Ask = z.enum(['acknowledge', 'call-police-now', 'senior-oversight', 'strategy-meeting', 'informed']);

/** One rung of a ladder: when (from discovery), whom, what is asked, and what it sets in motion. */
export const RungSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]+$/),
  afterSeconds: seconds,
  /** Assistant Director "0 if high, else 4 h" (domain §4). */
  afterSecondsIfHigh: seconds.optional(),
  audiences: z.array(Audience).min(1),
  ask: Ask,
  /** Absent: informational, no acknowledgement expected. */
  ackWithinSeconds: seconds.positive().optional(),
  /** Who is alerted when this rung's alert is not acknowledged after the re-notification (default: the next rung). */
  escalateTo: Audience.optional(),
  onlyIf: z.enum(['no-police-reference', 'trafficked']).optional(),
  createsTask: z.enum(['strategy-meeting', 'nrm-referral']).optional(),
  /** Breach alert when the strategy meeting has not been held by this rung. */
  breachIfNoStrategyMeeting: z.boolean().optional(),
});
export type Rung = z.infer<typeof RungSchema>;

export const LADDERS = ['S-low', 'S-medium', 'S-high', 'T'] as const;
export type LadderName = (typeof LADDERS)[number];

/** A council's escalation policy, versioned data validated at start and copied onto each episode when it opens. */
export const PolicySchema = z.strictObject({
  version: z.string().min(1),
  council: z.string().min(1),
  /** Wait after an unacknowledged alert's deadline before it is re-sent once, then escalated. */
  renotifyAckWithinSeconds: seconds.positive(),
  ladders: z.strictObject({
    'S-low': z.array(RungSchema).min(1),
    'S-medium': z.array(RungSchema).min(1),
    'S-high': z.array(RungSchema).min(1),
    T: z.array(RungSchema).min(1),
  }),
  tasks: z.strictObject({
    strategyMeeting: z.strictObject({ hardLimitSeconds: seconds.positive(), invitees: z.array(z.string().min(1)).min(1) }),
    returnInterviewDueSeconds: seconds.positive(),
    nrmReferralDueSeconds: seconds.positive(),
    repeatMeetingDueSeconds: seconds.positive(),
  }),
}).superRefine((p, ctx) => {
  for (const ladder of LADDERS) {
    const keys = p.ladders[ladder].map((r) => r.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path: ['ladders', ladder], message: 'rung keys must be unique' });
    if (p.ladders[ladder][0]!.afterSeconds !== 0) ctx.addIssue({ code: 'custom', path: ['ladders', ladder, 0], message: 'the first rung fires at discovery' });
  }
});
export type Policy = z.infer<typeof PolicySchema>;

export const loadPolicy = (data: unknown): Policy => PolicySchema.parse(data);

export type Level = z.infer<typeof RiskLevel>;
