import { ApiError } from '../api.js';
import { fieldsFrom, parseUkDateTime, TIME_PARTS, type TimePart, type UkDateTimeFields } from './time.js';

/** How a question is named in its error messages (GOV.UK wording). */
export interface Question {
  /** Its field in the form: the inline error's key, and (unless `href` says otherwise) the id the summary links to. */
  field: string;
  /** When there is no answer: "Enter where they were last seen", "Select who found them". */
  missing: string;
  /** What begins any other message: "Where they were last seen" (then "must be 200 characters or fewer"). */
  name: string;
  /** The element the error summary links to, when not `#field` (a date input's first part). */
  href?: string;
  /** A date-time question (time.ts): the words that end its messages ("they were last seen"). */
  time?: string;
}

/** A date-time question (time.ts), its five fields named `{field}-day` ...: its errors link to its first field, the day. */
export const timeQuestion = (field: string, question: string): Question =>
  ({ field, href: `#${field}-day`, time: question, missing: `Enter the date and time ${question}`, name: `The date and time ${question}` });

/** A zod message for an answer that is missing, empty or not one of the choices. */
const NO_ANSWER = /received undefined|^Too small|^Invalid option|^Invalid input/;

/** A service's reason in words naming the question: "The date and time they were last seen is in the future". */
function sentence(q: Question, reason: string): string {
  if (NO_ANSWER.test(reason)) return q.missing;
  const max = /^Too big: expected string to have <=(\d+) characters/.exec(reason);
  if (max) return `${q.name} must be ${max[1]} characters or fewer`;
  // The services' own reasons are written to follow a name ("is in the future"), or after a colon; zod's are not for people.
  if (/^(is|are|must|cannot) /.test(reason)) return `${q.name} ${reason}`;
  return /^[a-z]/.test(reason) ? `${q.name}: ${reason}` : `Check ${q.name.charAt(0).toLowerCase()}${q.name.slice(1)}`;
}

/**
 * A form's errors as GOV.UK shows them: a summary linking to each field, the message beside the field, and for a
 * date-time question which of its five fields to highlight. One message per field, the first found.
 */
export class FormErrors {
  private readonly found: { field: string; text: string; href: string; parts?: TimePart[] }[] = [];

  get any(): boolean {
    return this.found.length > 0;
  }

  /** The error summary's list. */
  get summary(): { text: string; href: string }[] {
    return this.found.map(({ text, href }) => ({ text, href }));
  }

  /** Each field's message, for the message beside it. */
  get byField(): Record<string, string> {
    return Object.fromEntries(this.found.map((f) => [f.field, f.text]));
  }

  /** The fields of each date-time question to highlight. */
  get parts(): Record<string, TimePart[]> {
    return Object.fromEntries(this.found.flatMap((f) => (f.parts ? [[f.field, f.parts]] : [])));
  }

  add(q: Pick<Question, 'field' | 'href'>, text: string, parts?: readonly TimePart[]): this {
    if (!this.found.some((f) => f.field === q.field)) this.found.push({ field: q.field, text, href: q.href ?? `#${q.field}`, ...(parts ? { parts: [...parts] } : {}) });
    return this;
  }

  /**
   * The answer to a date-time question in a form body: the fields as typed (to show again), and the instant, or
   * undefined with its message on the question when it could not be read.
   */
  time(q: Question, body: Record<string, unknown>): { typed: UkDateTimeFields; at: string | undefined } {
    const typed = fieldsFrom(body, q.field);
    const answer = parseUkDateTime(typed, q.time ?? '');
    if (answer.ok) return { typed, at: answer.iso };
    this.add({ field: q.field, href: `#${q.field}-${answer.parts[0] ?? 'day'}` }, answer.message, answer.parts);
    return { typed, at: undefined };
  }

  /**
   * A service's refusal (problem details with `invalid-params` named like `body.lastSeen.at`) on the questions it
   * names, most specific name first, after the errors the console found itself (`found`): a field keeps its first
   * message. A refusal naming no question, with nothing found before, is said once, above the form.
   */
  static from(e: ApiError, questions: Record<string, Question>, found?: FormErrors): FormErrors {
    const errors = new FormErrors();
    errors.found.push(...(found?.found ?? []));
    const names = Object.keys(questions).sort((a, b) => b.length - a.length);
    for (const p of (e.body['invalid-params'] as { name?: unknown; reason?: unknown }[] | undefined) ?? []) {
      const name = String(p.name ?? '');
      const key = names.find((k) => name === k || name.startsWith(`${k}.`));
      const q = key === undefined ? undefined : questions[key];
      if (q) errors.add(q, sentence(q, String(p.reason ?? '')), q.time ? TIME_PARTS : undefined);
    }
    if (!errors.any) {
      const detail = e.status === 400 ? 'This could not be recorded. Check your answers and try again.' : String(e.body.detail ?? e.body.title ?? 'This could not be recorded');
      errors.add({ field: '_', href: '#main-content' }, detail);
    }
    return errors;
  }
}

/** A service's answer that belongs on the form (bad input, a conflict); anything else is for the error page. */
export const isFormRefusal = (e: unknown): e is ApiError => e instanceof ApiError && [400, 409, 422].includes(e.status);

/** A form value as text (a repeated field's first value), trimmed, at most `max` characters. */
export const textOf = (v: unknown, max = 2000): string => String((Array.isArray(v) ? v[0] : v) ?? '').trim().slice(0, max);

/** A checkbox group's values (none, one or many). */
export const valuesOf = (v: unknown): string[] => ([] as unknown[]).concat(v ?? []).map(String).slice(0, 64);
