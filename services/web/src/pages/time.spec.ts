import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fieldsFrom, parseUkDateTime, TIME_PARTS, ukFields, type UkDateTimeFields } from './time.js';

const Q = 'they were last seen';
const fields = (day: string, month: string, year: string, hour: string, minute: string): UkDateTimeFields => ({ day, month, year, hour, minute });
const read = (f: UkDateTimeFields) => parseUkDateTime(f, Q);

describe('the UK date and time input', () => {
  it('reads winter times as GMT and summer times as BST', () => {
    expect(read(fields('25', '11', '2026', '2', '30'))).toEqual({ ok: true, iso: '2026-11-25T02:30:00.000Z' });
    expect(read(fields('1', '7', '2026', '02', '30'))).toEqual({ ok: true, iso: '2026-07-01T01:30:00.000Z' });
    expect(read(fields('27', 'March', '2026', '21', '30'))).toEqual({ ok: true, iso: '2026-03-27T21:30:00.000Z' });
    expect(read(fields('27', 'mar', '2026', '21', '05'))).toEqual({ ok: true, iso: '2026-03-27T21:05:00.000Z' });
  });

  it('refuses a time the clocks skipped, and reads a time that happened twice as the first (BST) one', () => {
    // 29 March 2026: 01:00 GMT became 02:00 BST. 25 October 2026: 02:00 BST became 01:00 GMT.
    expect(read(fields('29', '3', '2026', '1', '30'))).toEqual({ ok: false, parts: ['hour', 'minute'],
      message: 'The time they were last seen must be a real time: the clocks went forward an hour on 29 March 2026' });
    expect(read(fields('29', '3', '2026', '0', '59'))).toEqual({ ok: true, iso: '2026-03-29T00:59:00.000Z' });
    expect(read(fields('29', '3', '2026', '2', '00'))).toEqual({ ok: true, iso: '2026-03-29T01:00:00.000Z' });
    expect(read(fields('25', '10', '2026', '1', '30'))).toEqual({ ok: true, iso: '2026-10-25T00:30:00.000Z' });
    expect(read(fields('25', '10', '2026', '2', '00'))).toEqual({ ok: true, iso: '2026-10-25T02:00:00.000Z' });
  });

  it('names what is wrong in GOV.UK words, and which fields', () => {
    const cases: [UkDateTimeFields, string, string[]][] = [
      [fields('', '', '', '', ''), 'Enter the date and time they were last seen', [...TIME_PARTS]],
      [fields('27', '', '2026', '21', '30'), 'The date they were last seen must include a month', ['month']],
      [fields('', '', '2026', '21', '30'), 'The date they were last seen must include a day and month', ['day', 'month']],
      [fields('27', '3', '26', '21', '30'), 'The year they were last seen must include 4 numbers', ['year']],
      [fields('31', '2', '2026', '21', '30'), 'The date they were last seen must be a real date', ['day', 'month', 'year']],
      [fields('32', '13', '2026', '21', '30'), 'The date they were last seen must be a real date', ['day', 'month']],
      [fields('27', 'Smarch', '2026', '21', '30'), 'The date they were last seen must be a real date', ['month']],
      [fields('27', '3', '0999', '21', '30'), 'The date they were last seen must be a real date', ['year']],
      [fields('27', '3', '2026', '', ''), 'The time they were last seen must include an hour and minute', ['hour', 'minute']],
      [fields('27', '3', '2026', '21', ''), 'The time they were last seen must include a minute', ['minute']],
      [fields('27', '3', '2026', '24', '00'), 'The hour they were last seen must be between 0 and 23', ['hour']],
      [fields('27', '3', '2026', '9pm', '00'), 'The hour they were last seen must be between 0 and 23', ['hour']],
      [fields('27', '3', '2026', '21', '60'), 'The minute they were last seen must be between 0 and 59', ['minute']],
    ];
    for (const [f, message, parts] of cases) expect({ f, answer: read(f) }).toEqual({ f, answer: { ok: false, message, parts } });
  });

  it('shows an instant as the fields would be typed', () => {
    expect(ukFields(new Date('2026-03-27T21:30:00Z'))).toEqual(fields('27', '3', '2026', '21', '30'));
    expect(ukFields(new Date('2026-07-01T12:05:00Z'))).toEqual(fields('1', '7', '2026', '13', '05'));
  });

  it('reads the five fields of a question from a form body, trimmed, ignoring anything not a string', () => {
    expect(fieldsFrom({ 'lastSeen-day': ' 27 ', 'lastSeen-month': '3', 'lastSeen-year': ['2026'], 'lastSeen-hour': '21' }, 'lastSeen'))
      .toEqual(fields('27', '3', '', '21', ''));
  });

  it('round-trips every minute from 2000 to 2100 through the fields (the repeated autumn hour reads as its first time)', () => {
    const minute = 60_000;
    const from = Date.UTC(2000, 0, 1) / minute;
    const to = Date.UTC(2100, 11, 31, 23, 59) / minute;
    fc.assert(fc.property(fc.integer({ min: from, max: to }), (m) => {
      const at = new Date(m * minute);
      const answer = read(ukFields(at));
      if (!answer.ok) return false;
      const back = Date.parse(answer.iso);
      // Either the same instant, or the second 01:xx of the October change (GMT), read as the first (BST), an hour earlier.
      const repeated = back === at.getTime() - 3_600_000 && ukFields(new Date(back)).hour === ukFields(at).hour;
      return back === at.getTime() || repeated;
    }), { numRuns: 5000 });
  });

  it('never throws on anything typed, and an answer is either an instant or a message with its fields', () => {
    const typed = fc.oneof(fc.string(), fc.integer({ min: -100, max: 10_000 }).map(String), fc.constantFrom('', ' ', 'March', '١٢', '1e1', '0x1'));
    fc.assert(fc.property(fc.record({ day: typed, month: typed, year: typed, hour: typed, minute: typed }), (f) => {
      const answer = read(f);
      return answer.ok ? !Number.isNaN(Date.parse(answer.iso)) : answer.message.length > 0 && answer.parts.length > 0;
    }), { numRuns: 2000 });
  });
});
