import { AlertAsk, type RiskLevel, Role, type TaskKind } from '@safeguard/contracts';
import { z } from 'zod';
import { DEFAULT_POLICY } from './default-policy.js';

const seconds = z.int().nonnegative();
/** Where an audience sits: the child's home, the placing council, the host council (out of area), the police force. */
export const AudienceScope = z.enum(['home', 'council', 'host-council', 'police-force']);
export type AudienceScope = z.infer<typeof AudienceScope>;
const Audience = z.strictObject({ role: Role, scope: AudienceScope });
export type Audience = z.infer<typeof Audience>;

/** What a ladder step asks; escalation, deadline and found notices are asked by the engine, not by a step. */
export const StepAsk = AlertAsk.extract(['acknowledge', 'call-police-now', 'senior-oversight', 'strategy-meeting', 'informed']);

/** One rung of a ladder: when (from discovery), whom, what is asked, and what it sets in motion. */
export const RungSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]+$/),
  afterSeconds: seconds,
  /** Assistant Director "0 if high, else 4 h". */
  afterSecondsIfHigh: seconds.optional(),
  /** Weekly reviews: the rung comes back at this interval for as long as the child is missing. */
  repeatEverySeconds: seconds.positive().optional(),
  audiences: z.array(Audience).min(1),
  ask: StepAsk,
  /** Every alert expects an acknowledgement by this deadline; silence re-sends, then escalates. */
  ackWithinSeconds: seconds.positive(),
  onlyIf: z.enum(['no-police-reference', 'trafficked']).optional(),
  createsTask: z.enum(['strategy-meeting', 'nrm-referral']).optional(),
  /** A deadline-missed alert to this rung's audiences when no strategy meeting has been held by now. */
  breachIfNoStrategyMeeting: z.boolean().optional(),
  /** On an absence classified A (away), this rung asks for an A→M review instead. */
  promptsAToMReview: z.boolean().optional(),
});
export type Rung = z.infer<typeof RungSchema>;

/** Who is above whom: an unacknowledged alert goes up this chain, never sideways and never to nobody. */
const ChainOfCommand = z.partialRecord(Role, Audience);
export type ChainOfCommand = z.infer<typeof ChainOfCommand>;

const Ladder = z.strictObject({ chainOfCommand: ChainOfCommand, rungs: z.array(RungSchema).min(1) });

export const LADDERS = ['S-low', 'S-medium', 'S-high', 'T'] as const;
export type LadderName = (typeof LADDERS)[number];

const TaskRule = z.strictObject({
  dueSeconds: seconds.positive(),
  /** Who is told, and asked to act, when the task is still open at its deadline (someone outside any host council). */
  ifMissed: z.array(Audience).min(1).refine((xs) => xs.some((a) => a.scope !== 'host-council'), 'someone must be told whatever the placement'),
});
type TaskRule = z.infer<typeof TaskRule>;

/**
 * Task rules added after councils had written their policies: a policy file, or an episode's snapshot of one, without
 * them takes the default's, so every policy already in force still loads and every task kind has a deadline.
 */
const ADDED_TASK_RULES = {
  tellCompetentAuthority: TaskRule.parse(DEFAULT_POLICY.tasks.tellCompetentAuthority),
  notifyOfsted: TaskRule.parse(DEFAULT_POLICY.tasks.notifyOfsted),
} satisfies Record<string, TaskRule>;

/** A council's escalation policy, versioned data validated at start and copied onto each episode when it opens. */
export const PolicySchema = z.strictObject({
  version: z.string().min(1),
  council: z.string().min(1),
  /** Wait after an unacknowledged alert's deadline before it is re-sent once, then escalated. */
  renotifyAckWithinSeconds: seconds.positive(),
  /** Past the top of a chain: the top and this audience are re-alerted at this interval until someone acknowledges. */
  chase: z.strictObject({ everySeconds: seconds.positive(), alsoAlert: Audience.refine((a) => a.scope !== 'host-council', 'the chase must reach the placing council, not only a host') }),
  ladders: z.strictObject({ 'S-low': Ladder, 'S-medium': Ladder, 'S-high': Ladder, T: Ladder }),
  tasks: z.strictObject({
    strategyMeeting: TaskRule.extend({ invitees: z.array(z.string().min(1)).min(1) }),
    nrmReferral: TaskRule,
    repeatEpisodeMeeting: TaskRule,
    returnHomeInterview: TaskRule,
    safeAndWellCheck: TaskRule,
    updateInformationPack: TaskRule,
    updateRiskAssessment: TaskRule,
    informIctgAndNrm: TaskRule,
    tellCompetentAuthority: TaskRule.default(ADDED_TASK_RULES.tellCompetentAuthority),
    notifyOfsted: TaskRule.default(ADDED_TASK_RULES.notifyOfsted),
  }),
}).superRefine((p, ctx) => {
  for (const name of LADDERS) {
    const { rungs, chainOfCommand } = p.ladders[name];
    const path = ['ladders', name];
    const keys = rungs.map((r) => r.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path, message: 'rung keys must be unique' });
    if (rungs[0]!.afterSeconds !== 0) ctx.addIssue({ code: 'custom', path: [...path, 'rungs', 0], message: 'the first rung fires at discovery' });
    if (!rungs.some((r) => r.repeatEverySeconds)) {
      ctx.addIssue({ code: 'custom', path, message: 'a ladder needs a repeating review, so a step is always booked while the child is missing' });
    }
    for (const role of Object.keys(chainOfCommand) as Role[]) {
      if (chainTop(chainOfCommand, role) === undefined) ctx.addIssue({ code: 'custom', path: [...path, 'chainOfCommand', role], message: 'the chain loops' });
    }
  }
});
export type Policy = z.infer<typeof PolicySchema>;

/** The top of the chain above a role (the role itself when nobody is above it); undefined if the chain loops. */
export function chainTop(chain: ChainOfCommand, role: Role): Role | undefined {
  const seen = new Set<Role>([role]);
  let at = role;
  for (let next = chain[at]; next; next = chain[at]) {
    if (seen.has(next.role)) return undefined;
    seen.add(next.role);
    at = next.role;
  }
  return at;
}

export const loadPolicy = (data: unknown): Policy => PolicySchema.parse(data);

/** An episode's policy snapshot as stored, with the task rules added since it was taken filled from the default. */
export const withAddedTaskRules = (snapshot: Policy): Policy => ({ ...snapshot, tasks: { ...ADDED_TASK_RULES, ...snapshot.tasks } });

export type Level = RiskLevel;

/** Task kind → its rule in the policy. */
export const TASK_RULE: Record<TaskKind, keyof Policy['tasks']> = {
  'strategy-meeting': 'strategyMeeting',
  'nrm-referral': 'nrmReferral',
  'repeat-episode-meeting': 'repeatEpisodeMeeting',
  'return-home-interview': 'returnHomeInterview',
  'safe-and-well-check': 'safeAndWellCheck',
  'update-information-pack': 'updateInformationPack',
  'update-risk-assessment': 'updateRiskAssessment',
  'inform-ictg-and-nrm': 'informIctgAndNrm',
  'tell-competent-authority': 'tellCompetentAuthority',
  'notify-ofsted': 'notifyOfsted',
};
