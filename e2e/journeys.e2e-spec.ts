import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack } from '@safeguard/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { ukFields } from '../services/web/src/pages/time.js';
import { accessible, launchBrowser, signInOnPhone } from './browser.js';

/**
 * What changes during an absence, recorded in the console by the home's staff: a report with the UK date and time
 * input (a wrong date refused, what was typed kept), new facts (A→M, a circumstance, a regulation 40 event) that the
 * episode page then shows in words, and the return with harm and the safe-and-well check.
 */
describe('recording what changes, in a real browser', () => {
  let stack: Stack;
  let browser: Browser;
  let care: Page;
  let reference = '';
  let episodeUrl = '';

  /** Types a UK date and time into the five fields of a date-time question. */
  const fillTime = async (question: Locator, at: Date, over: Partial<Record<'Day' | 'Month' | 'Year' | 'Hour' | 'Minute', string>> = {}) => {
    const f = ukFields(at);
    const typed = { Day: f.day, Month: f.month, Year: f.year, Hour: f.hour, Minute: f.minute, ...over };
    for (const [label, value] of Object.entries(typed)) await question.getByLabel(label, { exact: true }).fill(value);
  };

  /** Reloads until the page shows the text: the tracker hears of a change through Kafka, a moment after intake. */
  const eventually = async (page: Page, text: string) => {
    for (let i = 0; i < 40 && (await page.getByText(text, { exact: false }).count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    expect({ text, shown: (await page.getByText(text, { exact: false }).count()) > 0 }).toEqual({ text, shown: true });
  };

  const group = (page: Page, legend: string) => page.getByRole('group', { name: legend });

  beforeAll(async () => {
    stack = await startStack('journeys', { fastPolicy: true, web: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await care?.context().close();
    await browser?.close();
    await stack?.stop();
  });

  it('reports a child away with the UK date and time input: a wrong date is named, what was typed is kept', async () => {
    care = await signInOnPhone(browser, stack.url('web'), 'care.oak');
    await care.getByRole('link', { name: 'Report Daniel missing' }).click();
    await care.getByLabel('Yes - away without permission (whereabouts known)').check();
    await care.getByLabel('Where were they last seen?').fill('Corner shop on the high street');
    const lastSeen = group(care, 'When were they last seen?');
    await fillTime(lastSeen, new Date(Date.now() - 30 * 60_000), { Day: '31', Month: '2' });
    await care.getByRole('button', { name: 'Report missing' }).click();

    const summary = care.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual(['The date they were last seen must be a real date', 'Enter who saw them last']);
    expect(await care.title()).toMatch(/^Error: /);
    expect(await care.getByLabel('Where were they last seen?').inputValue()).toBe('Corner shop on the high street');
    expect(await lastSeen.getByLabel('Day', { exact: true }).inputValue()).toBe('31');
    expect(await care.getByLabel('Yes - away without permission (whereabouts known)').isChecked()).toBe(true);
    await accessible(care, 'journey-01-report-wrong-date');
    await summary.getByRole('link', { name: 'The date they were last seen must be a real date' }).click();
    expect(await care.evaluate(() => document.activeElement?.id)).toBe('lastSeen-day');

    await fillTime(lastSeen, new Date(Date.now() - 30 * 60_000));
    await care.getByLabel('Who saw them last?').fill('Day worker');
    await care.getByRole('button', { name: 'Report missing' }).click();
    await care.getByText('Absence reported').waitFor();
    reference = (await care.locator('.govuk-panel__body strong').textContent())!.trim();
    expect(reference).toMatch(/^MFC-\d{4}-\d{6}$/);
  });

  it('records new facts: an unanswered form is refused, then A→M, a circumstance and a regulation 40 event', async () => {
    await care.goto(`${stack.url('web')}/`);
    await eventually(care, `Episode ${reference}`);
    await care.getByRole('link', { name: `Episode ${reference}` }).click();
    await care.getByRole('heading', { name: `Episode ${reference}` }).waitFor();
    episodeUrl = care.url();
    expect(await care.getByText('Away: whereabouts known, without permission', { exact: true }).count()).toBe(1);
    await accessible(care, 'journey-02-episode-away');

    await care.getByRole('button', { name: 'Record new facts' }).click();
    await care.getByRole('heading', { name: 'Record new facts' }).waitFor();
    await accessible(care, 'journey-03-new-facts-form');
    await care.getByRole('button', { name: 'Record new facts' }).click();
    await care.locator('.govuk-error-summary').getByRole('link', { name: 'Select or enter at least one new fact' }).waitFor();

    await group(care, 'Reclassify as missing (M)?').getByLabel('Yes, reclassify as missing (M)').check();
    await care.getByLabel('Has a new phone').check();
    await care.getByLabel('The police were called to an incident the home considers serious').check();
    await care.getByLabel('What did they take with them?').fill('Blue rucksack');
    await care.getByRole('button', { name: 'Record new facts' }).click();
    await care.locator('.govuk-panel__title', { hasText: 'New facts recorded' }).waitFor();
    expect(await care.locator('.govuk-panel__body strong').textContent()).toBe(reference);
    expect(await care.getByText('The alert level and the escalation are being worked out again').count()).toBe(1);
    await accessible(care, 'journey-04-new-facts-recorded');

    // Back on the form, what was recorded is shown and no longer offered.
    await care.goto(`${episodeUrl}/update`);
    await care.getByRole('heading', { name: 'Already recorded' }).waitFor();
    expect(await care.locator('.govuk-summary-list').getByText('Has a new phone').count()).toBe(1);
    expect(await care.locator('.govuk-summary-list').getByText('Blue rucksack').count()).toBe(1);
    expect(await care.getByLabel('Has a new phone').count()).toBe(0);
    expect(await care.getByLabel('The police were called to an incident the home considers serious').count()).toBe(0);

    await care.goto(episodeUrl);
    await eventually(care, 'Missing: whereabouts unknown');
    // Daniel lives in a children's home: the serious police incident is to be notified to Ofsted without delay.
    await eventually(care, 'Notify Ofsted (regulation 40)');
    const page = await care.content();
    for (const code of ['home-duty-manager', 'call-police-now', 'uasc-or-separated', 'notify-ofsted']) expect({ code, shown: page.includes(code) }).toEqual({ code, shown: false });
    await accessible(care, 'journey-05-episode-missing');
  });

  it('reports the return with harm and the safe-and-well check, naming a wrong hour and keeping what was typed', async () => {
    await care.getByRole('button', { name: 'Report a return' }).click();
    await care.getByRole('heading', { name: 'Report a return' }).waitFor();
    await care.getByLabel('The police', { exact: true }).check();
    await care.getByLabel('Where were they found?').fill('Bus station');
    await care.getByLabel('Who found or brought them back?').fill('PC Example');
    await group(care, 'Were they harmed while they were away?').getByLabel('Yes', { exact: true }).check();
    await care.getByLabel('The safe-and-well check has been done').check();
    const when = group(care, 'When was it done?');
    await when.waitFor({ state: 'visible' }); // revealed by govuk-frontend's checkboxes, started from static/init.js
    await fillTime(when, new Date(), { Hour: '25' });
    await care.getByLabel('Who did it?').fill('PC 1234 Example');
    await accessible(care, 'journey-06-return-form');
    await care.getByRole('button', { name: 'Report return' }).click();

    await care.locator('.govuk-error-summary').getByRole('link', { name: 'The hour of the safe-and-well check must be between 0 and 23' }).waitFor();
    expect(await when.getByLabel('Hour', { exact: true }).inputValue()).toBe('25');
    expect(await care.getByLabel('Who did it?').inputValue()).toBe('PC 1234 Example');
    expect(await care.getByLabel('Where were they found?').inputValue()).toBe('Bus station');
    await accessible(care, 'journey-07-return-wrong-hour');

    await fillTime(when, new Date());
    await care.getByRole('button', { name: 'Report return' }).click();
    await care.locator('.govuk-panel__title', { hasText: 'Return recorded' }).waitFor();
    expect(await care.locator('.govuk-panel__body strong').textContent()).toBe(reference);
    await accessible(care, 'journey-08-return-recorded');

    await care.goto(episodeUrl);
    await eventually(care, 'Returned: follow-ups open');
    expect(await care.getByRole('button', { name: 'Report a return' }).count()).toBe(0);
  });
});
