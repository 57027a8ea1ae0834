import { Circumstance, NotifiableEvent, type EpisodeTrackerHttp as Tracker } from '@safeguard/contracts';
import { CIRCUMSTANCE_LABELS, FOUND_BY_LABELS, NOTIFIABLE_EVENT_LABELS } from '../labels.js';
import { FormErrors, textOf, timeQuestion, valuesOf, type Question } from './forms.js';
import { fieldsFrom } from './time.js';

/*
 * The report, new-facts and return forms: their questions in words, and what each sends to intake. Intake validates
 * and writes; the console reads only what it must turn into the services' terms (UK date-times, yes or no).
 */

export type Form = Record<string, unknown>;

const text = (field: string, missing: string, name: string): Question => ({ field, missing, name });

export const REPORT: Record<string, Question> = {
  'body.classification': text('classification', 'Select whether you know where they are', 'Whether you know where they are'),
  'body.lastSeen.at': timeQuestion('lastSeen', 'they were last seen'),
  'body.lastSeen.where': text('lastSeenWhere', 'Enter where they were last seen', 'Where they were last seen'),
  'body.lastSeen.by': text('lastSeenBy', 'Enter who saw them last', 'Who saw them last'),
  'body.discoveredAt': timeQuestion('discovered', 'you found they were gone'),
  'body.clothing': text('clothing', 'Enter what they were wearing', 'What they were wearing'),
  'body.circumstances': text('circumstances', 'Select what you know', 'What you know'),
};

/** The Part 2 details a carer may add or correct during an episode: each replaces what was recorded before. */
const DETAILS = {
  clothing: text('clothing', 'Enter what they are wearing', 'What they are wearing'),
  tookWith: text('tookWith', 'Enter what they took with them', 'What they took with them'),
  mayBeWith: text('mayBeWith', 'Enter who they may be with', 'Who they may be with'),
  actionsTaken: text('actionsTaken', 'Enter what has been done to find them', 'What has been done to find them'),
};

export const UPDATE: Record<string, Question> = {
  'body.classification': text('reclassify', 'Select whether to reclassify the absence as missing', 'Reclassifying as missing'),
  'body.addCircumstances': text('addCircumstances', 'Select what you now know from the list', 'What you now know'),
  'body.notifiableEvents': text('notifiableEvents', 'Select a regulation 40 event from the list', 'Regulation 40 events'),
  ...Object.fromEntries(Object.entries(DETAILS).map(([k, q]) => [`body.${k}`, q])),
};

export const RETURN: Record<string, Question> = {
  'body.locatedAt': timeQuestion('located', 'they were found'),
  'body.returnedAt': timeQuestion('returned', 'they came back'),
  'body.where': text('where', 'Enter where they were found', 'Where they were found'),
  'body.by': text('by', 'Enter who found them or brought them back', 'Who found them or brought them back'),
  'body.foundBy': text('foundBy', 'Select how they came back', 'How they came back'),
  'body.harmDuringEpisode': text('harmDuringEpisode', 'Select yes if they were harmed while they were away', 'Whether they were harmed'),
  'body.safeAndWellCheck.at': timeQuestion('safeAndWell', 'of the safe-and-well check'),
  'body.safeAndWellCheck.by': text('safeAndWellBy', 'Enter who did the safe-and-well check', 'Who did the safe-and-well check'),
};

/** Checkboxes in words for a code list, with those chosen ticked; those already recorded are not offered again. */
const checkboxes = <C extends string>(codes: readonly C[], labels: Record<C, string>, chosen: readonly string[], recorded: readonly string[]) =>
  codes.filter((c) => !recorded.includes(c)).map((c) => ({ value: c, text: labels[c], checked: chosen.includes(c) }));

/** The circumstances a carer ticks (whereabouts known is the classification question). */
export const circumstanceItems = (chosen: readonly string[], recorded: readonly string[] = []) =>
  checkboxes(Circumstance.options.filter((c) => c !== 'whereabouts-known') as (keyof typeof CIRCUMSTANCE_LABELS)[], CIRCUMSTANCE_LABELS, chosen, recorded);

export const notifiableItems = (chosen: readonly string[], recorded: readonly string[] = []) =>
  checkboxes(NotifiableEvent.options, NOTIFIABLE_EVENT_LABELS, chosen, recorded);

export const foundByItems = (chosen: unknown) =>
  (Object.keys(FOUND_BY_LABELS) as (keyof typeof FOUND_BY_LABELS)[]).map((value) => ({ value, text: FOUND_BY_LABELS[value], checked: chosen === value }));

/**
 * What a form sends, the form to show again (the date-times as typed), and the errors the console found itself. A
 * time the console could not read is sent missing, so intake refuses the whole request, writing nothing, and names
 * every other wrong answer too: the form then shows all its errors at once (an unanswered yes-or-no is sent missing
 * too: intake requires it). `send` is false only when the console already knows nothing would be written.
 */
export interface Read {
  body: Record<string, unknown>;
  form: Form;
  found: FormErrors;
  send: boolean;
}

export function readReport(childId: string, f: Form): Read {
  const found = new FormErrors();
  const lastSeen = found.time(REPORT['body.lastSeen.at']!, f);
  const discovered = found.time(REPORT['body.discoveredAt']!, f);
  const body = {
    childId, classification: f.classification,
    lastSeen: { at: lastSeen.at, where: textOf(f.lastSeenWhere), by: textOf(f.lastSeenBy) },
    discoveredAt: discovered.at,
    circumstances: valuesOf(f.circumstances),
    ...(textOf(f.clothing) ? { clothing: textOf(f.clothing) } : {}),
  };
  return { body, form: { ...f, lastSeen: lastSeen.typed, discovered: discovered.typed }, found, send: true };
}

/** The new facts a form gives, and only those: nothing ticked or typed is nothing sent; A→M only from A. */
export function readNewFacts(f: Form, e: Pick<Tracker.EpisodeDetail, 'classification'>): Read {
  const details = Object.fromEntries(Object.keys(DETAILS).flatMap((k) => (textOf(f[k]) ? [[k, textOf(f[k])]] : [])));
  const circumstances = valuesOf(f.addCircumstances);
  const events = valuesOf(f.notifiableEvents);
  const body = {
    ...(e.classification === 'A' && f.reclassify === 'M' ? { classification: 'M' } : {}),
    ...(circumstances.length > 0 ? { addCircumstances: circumstances } : {}),
    ...(events.length > 0 ? { notifiableEvents: events } : {}),
    ...details,
  };
  const found = new FormErrors();
  if (Object.keys(body).length === 0) found.add(UPDATE['body.addCircumstances']!, 'Select or enter at least one new fact');
  return { body, form: f, found, send: !found.any };
}

const yesNo = (v: unknown): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);

export function readReturn(f: Form): Read & { safeAndWellChecked: boolean } {
  const found = new FormErrors();
  const located = found.time(RETURN['body.locatedAt']!, f);
  const returned = found.time(RETURN['body.returnedAt']!, f);
  const harm = yesNo(f.harmDuringEpisode);
  if (harm === undefined) found.add(RETURN['body.harmDuringEpisode']!, RETURN['body.harmDuringEpisode']!.missing);
  // A checkbox, not yes-or-no radios, reveals the check's questions: govuk-frontend marks a revealing radio
  // aria-expanded, which ARIA does not allow on a radio (a known limitation of govuk-frontend's conditional reveal), and does allow on a checkbox.
  const checked = f.safeAndWellDone === 'yes';
  const check = checked ? found.time(RETURN['body.safeAndWellCheck.at']!, f) : undefined;
  const body = {
    locatedAt: located.at, returnedAt: returned.at, where: textOf(f.where), by: textOf(f.by), foundBy: f.foundBy, harmDuringEpisode: harm,
    ...(check ? { safeAndWellCheck: { at: check.at, by: textOf(f.safeAndWellBy) } } : {}),
  };
  return { body, form: { ...f, located: located.typed, returned: returned.typed, safeAndWell: fieldsFrom(f, 'safeAndWell') },
    found, send: true, safeAndWellChecked: checked };
}
