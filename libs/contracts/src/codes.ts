import { z } from 'zod';

// Controlled vocabularies shared by several events. Codes only: events never carry names or free text.

export const ChildId = z.uuid();
export const EpisodeId = z.uuid();
export const HomeId = z.uuid();
/** Council and police-force codes (e.g. ONS or Home Office codes), never names. */
export const OrgCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'an upper-case organisation code');
export const Instant = z.iso.datetime({ offset: true });
/** A police incident or missing-person reference, e.g. DF/2026/12345: written once, used by every service. */
export const PoliceReference = z.string().trim().regex(/^[A-Za-z0-9/-]{1,40}$/, 'letters, digits, / or -, up to 40');
export const CalendarDate = z.iso.date();

/** Who found a child, or that they came back on their own (recorded at the return). */
export const FoundBy = z.enum(['police', 'carer', 'returned-alone', 'other']);
export type FoundBy = z.infer<typeof FoundBy>;

/** Carer/council classification (DfE 2014, SSDA903 MISSING): M missing, A away without authorisation. */
export const AbsenceClassification = z.enum(['M', 'A']);
export type AbsenceClassification = z.infer<typeof AbsenceClassification>;

/** Police risk grade (College of Policing APP) and the system's alert level share one scale. */
export const RiskLevel = z.enum(['very-low', 'low', 'medium', 'high']);
export type RiskLevel = z.infer<typeof RiskLevel>;
export const RISK_LEVELS = RiskLevel.options;
/** The higher of two levels on the one scale: a level is never lowered by a lower one. */
export const higherLevel = (a: RiskLevel, b: RiskLevel): RiskLevel => (RISK_LEVELS.indexOf(a) >= RISK_LEVELS.indexOf(b) ? a : b);

export const TraffickingStatus = z.enum([
  'none',
  'suspected',
  'nrm-referred',
  'reasonable-grounds',
  'conclusive-grounds',
  'negative',
]);
export type TraffickingStatus = z.infer<typeof TraffickingStatus>;

export const AgeAssessment = z.enum(['not-required', 'pending', 'disputed', 'assessed']);

/** Concerns recorded on a child's profile that change the screening score (docs/domain.md §6). */
export const ProfileConcern = z.enum([
  'sexual-exploitation',
  'criminal-exploitation',
  'agent-debt-or-oath',
  'associates-of-concern',
  'mental-health',
  'learning-disability',
  'communication-need',
  'little-or-no-english',
  'substance-use',
  'missing-id-documents',
  'essential-medication',
]);

/**
 * Where the child lives. Supported accommodation (for 16- and 17-year-olds) is regulated by Ofsted since October 2023
 * (Supported Accommodation (England) Regulations 2023); "unregulated" is what remains outside any regulation.
 */
export const Accommodation = z.enum([
  'childrens-home', 'foster-care', 'supported-accommodation', 'supported-lodgings', 'unregulated', 'hotel', 'other',
]);
export type Accommodation = z.infer<typeof Accommodation>;

/**
 * The events a children's home notifies Ofsted of without delay (Children's Homes (England) Regulations 2015, reg 40):
 * a child has been, or may have been, sexually exploited; or the police were called to an incident the home considers
 * serious. Recorded on an episode as they become known.
 */
export const NotifiableEvent = z.enum(['sexual-exploitation-suspected', 'serious-police-incident']);
export type NotifiableEvent = z.infer<typeof NotifiableEvent>;

/** Where a child's Independent Child Trafficking Guardian referral stands (Modern Slavery Act 2015 s.48). */
export const IctgStatus = z.enum(['not-referred', 'referred', 'allocated', 'not-available']);
export type IctgStatus = z.infer<typeof IctgStatus>;

/** Circumstances of an absence from a controlled list (Part 2 facts stay in intake). */
export const Circumstance = z.enum([
  'left-with-unknown-adult',
  'contact-from-unknown-adults',
  'new-phone',
  'took-belongings',
  'threatened-self-harm',
  'suspected-abduction',
  'essential-medication-missed',
  'alcohol-or-drugs',
  'night-time',
  'bad-weather',
  'unsuitable-clothing',
  'unfamiliar-area',
  'out-of-character',
  'whereabouts-known',
]);

/** Roles that hold duties in the escalation ladders (docs/domain.md §4) and in the console. */
export const Role = z.enum([
  'care-staff',
  'home-duty-manager',
  'on-call-manager',
  'duty-managers-manager',
  'social-worker',
  'out-of-hours-team',
  'police-liaison-officer',
  'control-room-inspector',
  'duty-superintendent',
  'team-manager',
  'service-manager',
  'ictg-service',
  'nrm-first-responder',
  'assistant-director',
  'director',
  'senior-management',
  'iro',
  'strategy-meeting-chair',
  'admin',
  /** Holds return home interviews for the council, independent of the home (DfE 2014): often a commissioned service. */
  'return-interview-worker',
]);
export type Role = z.infer<typeof Role>;

/** Roles held in a children's home (scope: home) and by the police (scope: police force). */
export const HOME_ROLES: readonly Role[] = ['care-staff', 'home-duty-manager'];
export const POLICE_ROLES: readonly Role[] = ['police-liaison-officer', 'control-room-inspector', 'duty-superintendent'];
export const isPoliceRole = (role: string): boolean => (POLICE_ROLES as readonly string[]).includes(role);
/**
 * Council roles that act for a child their council places or hosts (with the home's staff): they record what changes
 * during an absence and the return, and keep the child's record. Intake enforces it; the console chooses pages by it.
 */
export const ACTING_COUNCIL_ROLES: readonly Role[] = [
  'on-call-manager', 'duty-managers-manager', 'social-worker', 'out-of-hours-team', 'team-manager', 'service-manager',
  'assistant-director', 'director', 'iro', 'strategy-meeting-chair', 'admin',
];

export const ScopeKind = z.enum(['home', 'council', 'police-force']);
export const Scope = z.strictObject({ kind: ScopeKind, id: z.string().min(1).max(64) });
export type Scope = z.infer<typeof Scope>;

/** Statutory follow-ups the episode-tracker opens, with deadlines (docs/domain.md §3, §4). */
export const TaskKind = z.enum([
  'strategy-meeting',
  'nrm-referral',
  'return-home-interview',
  'repeat-episode-meeting',
  'safe-and-well-check',
  'update-information-pack',
  'update-risk-assessment',
  'inform-ictg-and-nrm',
  /** A child referred to the NRM went missing: the referrer tells the competent authority (Home Office guidance). */
  'tell-competent-authority',
  /** A children's home notifies Ofsted of a regulation 40 event without delay. */
  'notify-ofsted',
]);
export type TaskKind = z.infer<typeof TaskKind>;

/** What an alert asks of the people it reaches. */
export const AlertAsk = z.enum([
  'acknowledge',
  'call-police-now',
  'senior-oversight',
  'strategy-meeting',
  'informed',
  'a-to-m-review',
  'escalation',
  'deadline-missed',
  'child-found',
]);
export type AlertAsk = z.infer<typeof AlertAsk>;

/**
 * The default chain of command: who is above whom when an alert goes unacknowledged, never sideways and never to
 * nobody. Council: home duty manager → on-call manager → team manager → service manager → Assistant Director →
 * Director. Police: liaison officer → control-room inspector → duty superintendent. Partners → the team manager.
 * Councils set their own in their escalation policy.
 */
export const DEFAULT_CHAIN_OF_COMMAND = {
  'care-staff': { role: 'home-duty-manager', scope: 'home' },
  'home-duty-manager': { role: 'on-call-manager', scope: 'council' },
  'on-call-manager': { role: 'team-manager', scope: 'council' },
  'duty-managers-manager': { role: 'team-manager', scope: 'council' },
  'team-manager': { role: 'service-manager', scope: 'council' },
  'service-manager': { role: 'assistant-director', scope: 'council' },
  'assistant-director': { role: 'director', scope: 'council' },
  'senior-management': { role: 'director', scope: 'council' },
  'strategy-meeting-chair': { role: 'director', scope: 'council' },
  'police-liaison-officer': { role: 'control-room-inspector', scope: 'police-force' },
  'control-room-inspector': { role: 'duty-superintendent', scope: 'police-force' },
  'social-worker': { role: 'team-manager', scope: 'council' },
  'out-of-hours-team': { role: 'team-manager', scope: 'council' },
  'ictg-service': { role: 'team-manager', scope: 'council' },
  'nrm-first-responder': { role: 'team-manager', scope: 'council' },
  iro: { role: 'team-manager', scope: 'council' },
} as const satisfies Partial<Record<Role, { role: Role; scope: z.infer<typeof ScopeKind> }>>;

/** How a person is reached: an email, or a text message to a UK mobile. */
export const Channel = z.enum(['email', 'sms']);
export type Channel = z.infer<typeof Channel>;

/**
 * Why one channel did not reach one person. The first three are GOV.UK Notify's delivery receipt statuses
 * (wrong address or number; phone off or inbox full; a fault between Notify and the provider); the last two are
 * ours (the provider never accepted it; it accepted it but no receipt came in time).
 */
export const ChannelFailure = z.enum(['permanent-failure', 'temporary-failure', 'technical-failure', 'retries-exhausted', 'no-receipt']);
export type ChannelFailure = z.infer<typeof ChannelFailure>;

/** Why an alert reached nobody in its audience, or not one of them: a gap, which escalates at once. */
export const DeliveryGap = z.enum(['nobody-on-duty', 'unreachable']);
export type DeliveryGap = z.infer<typeof DeliveryGap>;

/** The ids every notifier event about an alert carries. */
export const AlertRef = { alertId: z.uuid(), episodeId: EpisodeId, childId: ChildId } as const;
