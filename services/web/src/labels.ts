import type { AlertAsk, Circumstance, EpisodeTrackerHttp, IntakeHttp, RiskLevel, Role, TaskKind } from '@safeguard/contracts';
import type { z } from 'zod';

/*
 * Every code the console shows, in plain English, written once. Each table is keyed by its code list in
 * @safeguard/contracts, so a code added there does not compile until it has its words here.
 */

export const ROLE_LABELS: Record<Role, string> = {
  'care-staff': 'Care staff',
  'home-duty-manager': 'Home duty manager',
  'on-call-manager': 'On-call manager',
  'duty-managers-manager': "Duty manager's manager",
  'social-worker': 'Social worker',
  'out-of-hours-team': 'Out-of-hours team',
  'police-liaison-officer': 'Police liaison officer',
  'control-room-inspector': 'Control room inspector',
  'duty-superintendent': 'Duty superintendent',
  'team-manager': 'Team manager',
  'service-manager': 'Service manager',
  'ictg-service': 'ICTG service',
  'nrm-first-responder': 'NRM first responder',
  'assistant-director': 'Assistant Director',
  director: 'Director',
  'senior-management': 'Senior management',
  iro: 'Independent reviewing officer',
  'strategy-meeting-chair': 'Strategy meeting chair',
  admin: 'Administrator',
  'return-interview-worker': 'Return interview worker',
};

/** What an alert asks of the people it reaches. */
export const ASK_LABELS: Record<AlertAsk, string> = {
  acknowledge: 'Acknowledge',
  'call-police-now': 'Call the police now',
  'senior-oversight': 'Senior oversight',
  'strategy-meeting': 'Strategy meeting',
  informed: 'For information',
  'a-to-m-review': 'Review: away (A) or missing (M)?',
  escalation: 'Escalated: nobody below acknowledged',
  'deadline-missed': 'Deadline missed',
  'child-found': 'Child found',
};

export const LEVEL_LABELS: Record<RiskLevel, string> = { 'very-low': 'Very low', low: 'Low', medium: 'Medium', high: 'High' };

/** The GOV.UK tag colour of each level. */
export const LEVEL_COLOURS: Record<RiskLevel, string> = { 'very-low': 'grey', low: 'blue', medium: 'orange', high: 'red' };

export const TASK_LABELS: Record<TaskKind, string> = {
  'strategy-meeting': 'Strategy meeting',
  'nrm-referral': 'NRM referral',
  'return-home-interview': 'Return home interview',
  'repeat-episode-meeting': 'Repeat episode meeting',
  'safe-and-well-check': 'Safe-and-well check',
  'update-information-pack': 'Update the information pack',
  'update-risk-assessment': 'Update the risk assessment',
  'inform-ictg-and-nrm': 'Tell the ICTG and the NRM first responder',
};

export const LADDER_LABELS: Record<EpisodeTrackerHttp.Ladder, string> = {
  T: 'T: trafficked, suspected trafficked or separated child',
  'S-high': 'S-high: high risk',
  'S-medium': 'S-medium: medium risk',
  'S-low': 'S-low: low risk, or away',
};

/** The circumstances a carer can tick on the report form (whereabouts known is the classification question). */
export const CIRCUMSTANCE_LABELS: Record<Exclude<z.infer<typeof Circumstance>, 'whereabouts-known'>, string> = {
  'left-with-unknown-adult': 'Left with an unknown adult',
  'contact-from-unknown-adults': 'Phone or online contact from unknown adults',
  'new-phone': 'Has a new phone',
  'took-belongings': 'Took belongings with them',
  'threatened-self-harm': 'Threatened to harm themselves',
  'suspected-abduction': 'May have been taken',
  'essential-medication-missed': 'Has missed essential medication',
  'alcohol-or-drugs': 'Alcohol or drugs involved',
  'night-time': 'Went missing at night',
  'bad-weather': 'Bad weather',
  'unsuitable-clothing': 'Not dressed for the weather',
  'unfamiliar-area': 'Does not know the area',
  'out-of-character': 'This is out of character',
};

/** Why two children are linked in the prevention patterns. */
export const LINK_LABELS: Record<IntakeHttp.PatternLinkKind, string> = {
  'missing-together': 'Missing at overlapping times from the same home',
  'found-at-same-place': 'Found at the same place',
  'shared-associate': 'Same associate in their information packs',
};

/** A lookup for a page: the words for a code, the code itself if it has none, and '' for nothing. */
export const labelFrom = (labels: Readonly<Record<string, string>>) => (code: string | null | undefined): string =>
  code === null || code === undefined ? '' : Object.hasOwn(labels, code) ? labels[code]! : code;
