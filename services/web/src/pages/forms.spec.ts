import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../api.js';
import { render } from '../render.js';
import { FormErrors, isFormRefusal, timeQuestion, type Question } from './forms.js';

const WHERE: Question = { field: 'where', missing: 'Enter where they were found', name: 'Where they were found' };
const QUESTIONS = { 'body.where': WHERE, 'body.locatedAt': timeQuestion('located', 'they were found'), 'body.safeAndWellCheck': WHERE,
  'body.safeAndWellCheck.by': { field: 'safeAndWellBy', missing: 'Enter who did it', name: 'Who did it' } };
const refusal = (params: { name: string; reason: string }[], status = 400) => new ApiError(status, { title: 'Invalid request', detail: 'Check these fields', 'invalid-params': params });

describe('form errors in GOV.UK words', () => {
  it('names the question in each message, and links the summary to its field', () => {
    const errors = FormErrors.from(refusal([
      { name: 'body.where', reason: 'Too big: expected string to have <=200 characters' },
      { name: 'body.locatedAt', reason: 'is before the child was discovered missing' },
      { name: 'body.safeAndWellCheck.by', reason: 'Too small: expected string to have >=1 characters' },
      { name: 'body.unknown', reason: 'whatever' },
    ]), QUESTIONS);
    expect(errors.summary).toEqual([
      { text: 'Where they were found must be 200 characters or fewer', href: '#where' },
      { text: 'The date and time they were found is before the child was discovered missing', href: '#located-day' },
      { text: 'Enter who did it', href: '#safeAndWellBy' },
    ]);
    expect(errors.parts).toEqual({ located: ['day', 'month', 'year', 'hour', 'minute'] });
  });

  it('keeps the errors the console found first, one message a field, and says a refusal naming no question once', () => {
    const found = new FormErrors();
    const typed = { day: '31', month: '2', year: '2026', hour: '1', minute: '00' };
    const body = Object.fromEntries(Object.entries(typed).map(([k, v]) => [`located-${k}`, v]));
    expect(found.time(QUESTIONS['body.locatedAt'], body)).toEqual({ typed, at: undefined });
    expect(new FormErrors().time(QUESTIONS['body.locatedAt'], { ...body, 'located-day': '28' }).at).toBe('2026-02-28T01:00:00.000Z');
    const errors = FormErrors.from(refusal([{ name: 'body.locatedAt', reason: 'Invalid input: expected string, received undefined' },
      { name: 'body.where', reason: 'Invalid input: expected string, received undefined' }]), QUESTIONS, found);
    expect(errors.byField).toEqual({ located: 'The date they were found must be a real date', where: 'Enter where they were found' });
    expect(errors.summary[0]!.href).toBe('#located-day');
    expect(errors.parts).toEqual({ located: ['day', 'month', 'year'] });

    expect(FormErrors.from(new ApiError(409, { title: 'Episode already closed', detail: 'A return has already been recorded for this episode' }), QUESTIONS).summary)
      .toEqual([{ text: 'A return has already been recorded for this episode', href: '#main-content' }]);
    expect(FormErrors.from(refusal([{ name: 'body', reason: 'nothing to update' }]), QUESTIONS).summary)
      .toEqual([{ text: 'This could not be recorded. Check your answers and try again.', href: '#main-content' }]);
  });

  it('puts bad input and conflicts on the form, and leaves the rest to the error page', () => {
    expect([400, 409, 422, 404, 403, 500].map((s) => isFormRefusal(new ApiError(s, {})))).toEqual([true, true, true, false, false, false]);
    expect(isFormRefusal(new Error('x'))).toBe(false);
  });

  it('renders the date and time input with what was typed, its message, and only the wrong fields highlighted', () => {
    const html = render('return', {
      e: { id: 'e1', reference: 'MFC-2026-000001' }, foundByItems: [], errors: [{ text: 'The hour they were found must be between 0 and 23', href: '#located-hour' }],
      fieldErrors: { located: 'The hour they were found must be between 0 and 23' }, errorParts: { located: ['hour'] },
      form: { located: { day: '27', month: '3', year: '2026', hour: '25', minute: '30' }, returned: {}, safeAndWell: {}, safeAndWellDone: 'yes' },
    });
    expect(html).toContain('<a href="#located-hour">The hour they were found must be between 0 and 23</a>');
    expect(html).toMatch(/class="govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2" id="located-hour" name="located-hour" type="text" value="25"/);
    expect(html).toMatch(/class="govuk-input govuk-date-input__input govuk-input--width-2" id="located-day" name="located-day" type="text" value="27"/);
    expect(html).toContain('For example, 27 3 2026 and 21 30');
    expect(html).not.toContain('datetime-local');
    // The safe-and-well questions are revealed by govuk-frontend's own script (static/init.js), not an inline one.
    expect(html).toMatch(/data-aria-controls="conditional-safeAndWellDone"/);
    expect(html).toMatch(/id="safeAndWell-day"/);
  });
});
