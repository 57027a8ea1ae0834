/*
 * The GOV.UK date input pattern with a 24-hour time: Day, Month, Year, Hour and Minute fields, read as a UK wall-clock
 * time (GMT in winter, BST in summer) and turned into the ISO 8601 instant the services speak.
 *
 * At the clock changes: a time the clocks skipped (01:00 to 01:59 on the last Sunday of March) is refused, naming the
 * change; a time that happened twice (01:00 to 01:59 on the last Sunday of October) is read as the first, BST one, the
 * earlier instant, so a clock run from it (last seen, discovered) never starts late.
 */

export const TIME_PARTS = ['day', 'month', 'year', 'hour', 'minute'] as const;
export type TimePart = (typeof TIME_PARTS)[number];
const DATE_PARTS: readonly TimePart[] = ['day', 'month', 'year'];

/** What the person typed, as typed. */
export type UkDateTimeFields = Record<TimePart, string>;

/** An instant, or the GOV.UK error message and the fields it is about. */
export type UkDateTimeAnswer = { ok: true; iso: string } | { ok: false; message: string; parts: TimePart[] };

/** The five fields of the date-time question `prefix` in a form body (`lastSeen-day`, ...), as typed, trimmed. */
export function fieldsFrom(body: Record<string, unknown>, prefix: string): UkDateTimeFields {
  const read = (part: TimePart) => {
    const v = body[`${prefix}-${part}`];
    return typeof v === 'string' ? v.trim().slice(0, 20) : '';
  };
  return { day: read('day'), month: read('month'), year: read('year'), hour: read('hour'), minute: read('minute') };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month as people write it: 3, 03, March or Mar (GOV.UK accepts names and abbreviations); NaN otherwise. */
function monthNumber(s: string): number {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  const name = s.toLowerCase().replace(/\.$/, '');
  const i = name.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(name)) : -1;
  return i >= 0 ? i + 1 : NaN;
}

const number = (s: string, digits: number) => (new RegExp(`^\\d{1,${digits}}$`).test(s) ? Number(s) : NaN);
const list = (parts: string[]) => (parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Reads the fields as a UK wall-clock time. `question` ends the GOV.UK messages: "they were last seen" gives "Enter the
 * date and time they were last seen", "The date they were last seen must include a month", "The date they were last
 * seen must be a real date", "The hour they were last seen must be between 0 and 23". Never throws.
 */
export function parseUkDateTime(f: UkDateTimeFields, question: string): UkDateTimeAnswer {
  const fail = (message: string, parts: readonly TimePart[]): UkDateTimeAnswer => ({ ok: false, message: capital(message), parts: [...parts] });
  const missing = TIME_PARTS.filter((p) => f[p] === '');
  if (missing.length === TIME_PARTS.length) return fail(`enter the date and time ${question}`, TIME_PARTS);
  const missingDate = DATE_PARTS.filter((p) => f[p] === '');
  if (missingDate.length > 0) return fail(`the date ${question} must include a ${list(missingDate)}`, missingDate);

  const day = number(f.day, 2);
  const month = monthNumber(f.month);
  if (!/^\d{4}$/.test(f.year)) return fail(`the year ${question} must include 4 numbers`, ['year']);
  const year = Number(f.year);
  if (year < 1900) return fail(`the date ${question} must be a real date`, ['year']);
  const wrong = [...(day >= 1 && day <= 31 ? [] : ['day' as const]), ...(month >= 1 && month <= 12 ? [] : ['month' as const])];
  if (wrong.length > 0) return fail(`the date ${question} must be a real date`, wrong);
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  if (date.getUTCDate() !== day) return fail(`the date ${question} must be a real date`, DATE_PARTS);

  const missingTime = (['hour', 'minute'] as const).filter((p) => f[p] === '');
  if (missingTime.length > 0) return fail(`the time ${question} must include ${missingTime.length === 2 ? 'an hour and minute' : missingTime[0] === 'hour' ? 'an hour' : 'a minute'}`, missingTime);
  const hour = number(f.hour, 2);
  if (!(hour >= 0 && hour <= 23)) return fail(`the hour ${question} must be between 0 and 23`, ['hour']);
  const minute = number(f.minute, 2);
  if (!(minute >= 0 && minute <= 59)) return fail(`the minute ${question} must be between 0 and 59`, ['minute']);

  const wall = { year, month, day, hour, minute };
  const at = ukInstant(wall);
  if (at === undefined) {
    return fail(`the time ${question} must be a real time: the clocks went forward an hour on ${day} ${capital(MONTHS[month - 1]!)} ${year}`, ['hour', 'minute']);
  }
  return { ok: true, iso: at.toISOString() };
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
});

/** The UK wall clock at an instant. */
function ukWallClock(at: Date): WallClock {
  const p = Object.fromEntries(londonParts.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute! };
}

const same = (a: WallClock, b: WallClock) => a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;

/**
 * The instant a UK wall-clock time names: the earliest when it happened twice, none when the clocks skipped it. The UK
 * has been 0, 1 or (in the war years) 2 hours ahead of UTC: each is tried, the largest offset, the earliest instant, first.
 */
function ukInstant(w: WallClock): Date | undefined {
  const asUtc = new Date(Date.UTC(2000, w.month - 1, w.day, w.hour, w.minute));
  asUtc.setUTCFullYear(w.year);
  return [2, 1, 0].map((h) => new Date(asUtc.getTime() - h * 3_600_000)).find((at) => same(ukWallClock(at), w));
}

/** An instant as the five fields show it (UK wall clock, hour and minute as two digits): "27 3 2026" and "21 30". */
export function ukFields(at: Date): UkDateTimeFields {
  const w = ukWallClock(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return { day: String(w.day), month: String(w.month), year: String(w.year), hour: two(w.hour), minute: two(w.minute) };
}
