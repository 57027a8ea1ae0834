import type {
  AbsenceClassification, Accommodation, AgeAssessment, AlertAsk, Circumstance, FoundBy, EpisodeTrackerHttp, FactorCode, IctgStatus, IntakeHttp, NotifiableEvent, OverrideCode,
  RiskLevel, Role, TaskKind, TraffickingStatus,
} from '@safeguard/contracts';
import { formatUkDateTime } from '@safeguard/contracts';
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
  'tell-competent-authority': 'Tell the NRM competent authority the child is missing',
  'notify-ofsted': 'Notify Ofsted (regulation 40)',
};

export const LADDER_LABELS: Record<EpisodeTrackerHttp.Ladder, string> = {
  T: 'T: trafficked, suspected trafficked or separated child',
  'S-high': 'S-high: high risk',
  'S-medium': 'S-medium: medium risk',
  'S-low': 'S-low: low risk, or away',
};

/** Why the screening score is high whatever its points (docs/domain.md §6). */
export const OVERRIDE_LABELS: Record<OverrideCode, string> = {
  'trafficking-suspected-or-above': 'Trafficked or suspected to be trafficked',
  'uasc-within-72h-of-arrival-or-placement': 'Unaccompanied child within 72 hours of arrival or placement',
  'under-13': 'Under 13',
  'threat-of-suicide-or-self-harm': 'Has threatened suicide or self-harm',
  'suspected-abduction': 'May have been abducted',
  'essential-medication-missed': 'Has missed essential medication',
  'sexual-or-criminal-exploitation-concern': 'Current concern of sexual or criminal exploitation',
};

/** The scored factors; the page adds the points ("Unaccompanied or separated child — 20 points"). */
export const FACTOR_LABELS: Record<FactorCode, string> = {
  'uasc-or-separated': 'Unaccompanied or separated child',
  'debt-to-agent-or-oath': 'Owes a debt to an agent, or bound by an oath',
  'placement-under-7-days': 'Placed here less than 7 days ago',
  'unknown-adult-contact-or-new-phone': 'Contact from unknown adults, or a new phone',
  'associates-of-concern': 'Known associates of concern',
  'three-episodes-in-90-days': '3 or more episodes in 90 days',
  'harm-in-previous-episode': 'Harmed during a previous episode',
  'episode-in-last-30-days': 'Another episode in the last 30 days',
  'first-or-out-of-character': 'First episode, or out of character',
  'mental-health-learning-or-communication-need': 'Mental health, learning disability or communication need',
  'little-english-or-unfamiliar-area': 'Little or no English, or does not know the area',
  'alcohol-or-drugs': 'Alcohol or drugs',
  'aged-13-to-15': 'Aged 13 to 15',
  'night-time': 'Went missing at night',
  'bad-weather': 'Bad weather',
  'unsuitable-clothing': 'Not dressed for the weather',
  'missing-id-or-disputed-age': 'No identity documents, or age disputed',
  'unregulated-accommodation-or-hotel': 'Unregulated accommodation or a hotel',
  'missing-over-24h': 'Missing over 24 hours',
  'missing-over-72h': 'Missing over 72 hours',
};

export const TRAFFICKING_LABELS: Record<TraffickingStatus, string> = {
  none: 'No concern recorded',
  suspected: 'Suspected (not yet referred)',
  'nrm-referred': 'Referred to the National Referral Mechanism',
  'reasonable-grounds': 'Positive Reasonable Grounds decision',
  'conclusive-grounds': 'Positive Conclusive Grounds decision',
  negative: 'Negative decision',
};

export const ICTG_LABELS: Record<IctgStatus, string> = {
  'not-referred': 'Not referred',
  referred: 'Referred, awaiting a guardian',
  allocated: 'Guardian allocated',
  'not-available': 'No ICTG service in this area',
};

export const ACCOMMODATION_LABELS: Record<Accommodation, string> = {
  'childrens-home': "Children's home",
  'foster-care': 'Foster care',
  'supported-accommodation': 'Supported accommodation (Ofsted-registered, 16 and 17)',
  'supported-lodgings': 'Supported lodgings',
  unregulated: 'Unregulated accommodation',
  hotel: 'Hotel',
  other: 'Other',
};

/** Regulation 40 events, as the home records them. */
export const NOTIFIABLE_EVENT_LABELS: Record<NotifiableEvent, string> = {
  'sexual-exploitation-suspected': 'The child has been, or may have been, sexually exploited',
  'serious-police-incident': 'The police were called to an incident the home considers serious',
};

/** The carer's classification of the absence (DfE 2014). */
export const CLASSIFICATION_LABELS: Record<AbsenceClassification, string> = {
  M: 'Missing: whereabouts unknown',
  A: 'Away: whereabouts known, without permission',
};

export const EPISODE_STATE_LABELS: Record<EpisodeTrackerHttp.EpisodeState, string> = {
  open: 'Missing now',
  returned: 'Returned: follow-ups open',
  closed: 'Closed',
};

/** How far an alert got (the tracker's delivery state). */
export const DELIVERY_LABELS: Record<'requested' | 'delivered' | 'failed' | 'gap', string> = {
  requested: 'Sending',
  delivered: 'Delivered',
  failed: 'Not delivered yet',
  gap: 'Nobody reached: escalated',
};

export const FOUND_BY_LABELS: Record<FoundBy, string> = {
  police: 'The police',
  carer: 'A carer or member of staff',
  'returned-alone': 'Came back on their own',
  other: 'Someone else',
};

export const LEGAL_STATUS_LABELS: Record<'s20-voluntary' | 's31-care-order' | 's38-interim-care-order' | 'police-protection' | 'remand' | 'other', string> = {
  's20-voluntary': 'Accommodated by agreement (section 20)',
  's31-care-order': 'Care order (section 31)',
  's38-interim-care-order': 'Interim care order (section 38)',
  'police-protection': 'Police protection',
  remand: 'Remanded to local authority accommodation',
  other: 'Other',
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

/** Where the assessment of an unaccompanied child's age stands. */
export const AGE_ASSESSMENT_LABELS: Record<z.infer<typeof AgeAssessment>, string> = {
  'not-required': 'Not required',
  pending: 'Awaiting an age assessment',
  disputed: 'Age disputed',
  assessed: 'Age assessed',
};

/** What happened, as an episode's timeline names it (the tracker's notes; a new one reads as its words). */
export const TIMELINE_LABELS: Readonly<Record<string, string>> = {
  opened: 'Episode opened',
  assessed: 'Risk assessed',
  'profile-changed': "Child's record changed",
  'police-grade': 'Police risk grade recorded',
  'police-reference': 'Police reference recorded',
  reclassified: 'Reclassified',
  'notifiable-event': 'Regulation 40 event reported',
  'ladder-changed': 'Escalation plan changed',
  'policy-replaced': 'Escalation policy updated',
  alerted: 'Alert sent',
  're-notified': 'Alert sent again',
  'nrm-referral-exists': 'Already referred to the NRM',
  gap: 'Nobody reached',
  'delivery-failed': 'Alert not delivered',
  escalated: 'Escalated',
  chase: 'Chased',
  acknowledged: 'Acknowledged',
  'task-created': 'Task added',
  'task-breached': 'Task overdue',
  'task-completed': 'Task done',
  returned: 'Child returned',
  closed: 'Episode closed',
};

/** Every table whose codes may appear inside a sentence (a timeline note), for `codesInWords`. */
const IN_SENTENCES: Readonly<Record<string, string>> = {
  ...LEVEL_LABELS, ...FACTOR_LABELS, ...OVERRIDE_LABELS, ...ASK_LABELS, ...TASK_LABELS, ...ROLE_LABELS, ...CIRCUMSTANCE_LABELS, ...NOTIFIABLE_EVENT_LABELS,
};

/**
 * A sentence with each hyphenated code of the tables above in its words ("home-duty-manager did not acknowledge" →
 * "Home duty manager did not acknowledge") and each ISO instant in UK time; other text as it is.
 */
export function codesInWords(sentence: string): string {
  const words = sentence
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g, (iso) => formatUkDateTime(iso))
    // Ladders and classifications are upper-case codes: only where the note names them as such.
    .replace(/(\bladder|→) (T|S-low|S-medium|S-high)\b/g, (_, before: string, ladder: EpisodeTrackerHttp.Ladder) => `${before} ${LADDER_LABELS[ladder]}`)
    .replace(/^(?:classification )?([AM]) → ([AM])$|\bclassification ([AM])\b/g, (whole, from?: 'A' | 'M', to?: 'A' | 'M', one?: 'A' | 'M') =>
      one ? `classification ${CLASSIFICATION_LABELS[one].toLowerCase()}` : from && to ? `${CLASSIFICATION_LABELS[from]} → ${CLASSIFICATION_LABELS[to].toLowerCase()}` : whole)
    .replace(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g, (code) => {
      const label = Object.hasOwn(IN_SENTENCES, code) ? IN_SENTENCES[code]! : undefined;
      // Mid-sentence in lower case, unless it begins with an acronym (NRM, ICTG).
      return label === undefined ? code : /^.[a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
    });
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What a timeline entry says happened, in words. */
export const timelineName = (what: string): string =>
  Object.hasOwn(TIMELINE_LABELS, what) ? TIMELINE_LABELS[what]! : (what.charAt(0).toUpperCase() + what.slice(1)).replaceAll('-', ' ');

/** What each police risk grade means (College of Policing APP on missing persons), beside the grade on the police's form. */
export const POLICE_GRADE_HINTS: Record<RiskLevel, string> = {
  'very-low': 'No apparent risk of harm to the child or the public',
  low: 'Harm to the child or the public is possible but minimal',
  medium: 'Harm to the child or the public is likely but not serious',
  high: 'Serious harm is very likely: immediate deployment',
};
