import { z } from 'zod';

/**
 * The screening rule codes risk-scoring produces and other services act on. One registry: renaming a rule here breaks
 * the build of every service that reads it, instead of silently moving a trafficked child off ladder T.
 */
export const OverrideCode = z.enum([
  'trafficking-suspected-or-above',
  'uasc-within-72h-of-arrival-or-placement',
  'under-13',
  'threat-of-suicide-or-self-harm',
  'suspected-abduction',
  'essential-medication-missed',
  'sexual-or-criminal-exploitation-concern',
]);
export type OverrideCode = z.infer<typeof OverrideCode>;

export const FactorCode = z.enum([
  'uasc-or-separated',
  'debt-to-agent-or-oath',
  'placement-under-7-days',
  'unknown-adult-contact-or-new-phone',
  'associates-of-concern',
  'three-episodes-in-90-days',
  'harm-in-previous-episode',
  'episode-in-last-30-days',
  'first-or-out-of-character',
  'mental-health-learning-or-communication-need',
  'little-english-or-unfamiliar-area',
  'alcohol-or-drugs',
  'aged-13-to-15',
  'night-time',
  'bad-weather',
  'unsuitable-clothing',
  'missing-id-or-disputed-age',
  'unregulated-accommodation-or-hotel',
  'missing-over-24h',
  'missing-over-72h',
]);
export type FactorCode = z.infer<typeof FactorCode>;

/** The codes the episode-tracker reads to choose ladder T (domain: trafficked, suspected-trafficked, UASC/separated). */
export const LADDER_T_CODES = {
  trafficked: OverrideCode.enum['trafficking-suspected-or-above'],
  uascRecentlyArrived: OverrideCode.enum['uasc-within-72h-of-arrival-or-placement'],
  uascOrSeparated: FactorCode.enum['uasc-or-separated'],
} as const;

/** Trafficking statuses that count as trafficked or suspected (a negative decision or none does not). */
export const TRAFFICKED_STATUSES = ['suspected', 'nrm-referred', 'reasonable-grounds', 'conclusive-grounds'] as const;
/** Statuses that mean a National Referral Mechanism referral already exists. */
export const NRM_REFERRED_STATUSES = ['nrm-referred', 'reasonable-grounds', 'conclusive-grounds'] as const;
