import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack } from '@safeguard/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessible, launchBrowser, PASSWORD } from './browser.js';

describe('the console in a real browser: care worker, duty manager and police liaison officer', () => {
  let stack: Stack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let care: Page;
  let manager: Page;
  let police: Page;
  let reference = '';

  const signIn = async (username: string) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true }); // phone-first
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${stack.url('web')}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  };

  beforeAll(async () => {
    stack = await startStack('console', { fastPolicy: true, web: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await stack?.stop();
  });

  it('refuses a wrong password and signs people in', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${stack.url('web')}/sign-in`);
    await accessible(page, '01-sign-in');
    await page.getByLabel('Username').fill('care.oak');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter a correct username and password').first().waitFor();
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    manager = await signIn('oncall');
    await manager.waitForURL(/\/dashboard$/);
    await accessible(manager, '02-dashboard-empty');
  });

  it('a care worker reports a trafficked child missing in two screens, and the dashboard shows it without a reload', async () => {
    care = await signIn('care.oak');
    await care.waitForURL(/\/$/);
    await accessible(care, '03-home-children');
    await care.getByRole('link', { name: 'Report Amina missing' }).click();
    await accessible(care, '04-report-form');
    await care.getByLabel('No - missing (whereabouts unknown)').check();
    await care.getByLabel('Where were they last seen?').fill('Lounge');
    await care.getByLabel('Who saw them last?').fill('Night worker');
    await care.getByLabel('What were they wearing?').fill('Grey hoodie');
    await care.getByLabel('Phone or online contact from unknown adults').check();
    await care.getByRole('button', { name: 'Report missing' }).click();
    await care.getByText('Absence reported').waitFor();
    reference = (await care.locator('.govuk-panel__body strong').textContent())!.trim();
    expect(reference).toMatch(/^MFC-\d{4}-\d{6}$/);
    expect(await care.getByText('Call the police on 999 now').count()).toBe(1);
    await accessible(care, '05-report-confirmation');

    // The manager's dashboard was opened before the report; it updates live (server-sent events), no reload.
    await manager.getByRole('link', { name: reference }).waitFor({ timeout: 20_000 });
    await accessible(manager, '06-dashboard-live');
  });

  it('the police liaison officer acknowledges the escalation with a reference and reads the audited pack', async () => {
    police = await signIn('police');
    await police.waitForURL(/\/police$/);
    for (let i = 0; i < 30 && (await police.getByText(`Episode ${reference}`).count()) === 0; i++) {
      await police.waitForTimeout(500);
      await police.reload();
    }
    await accessible(police, '07-police-escalations');
    await police.getByRole('button', { name: 'Acknowledge' }).first().click();
    await police.getByText('Enter the police reference number').first().waitFor();
    await police.getByLabel('Police reference number').first().fill('DF/2026/4242');
    await police.getByRole('button', { name: 'Acknowledge' }).first().click();
    await police.getByText('Escalation acknowledged').waitFor();
    await accessible(police, '08-police-acknowledged');
    await manager.getByRole('link', { name: reference }).click();
    await manager.getByRole('heading', { name: `Episode ${reference}` }).waitFor();
    await accessible(manager, '09-episode');
    const episodeId = manager.url().split('/').pop()!;
    await police.goto(`${stack.url('web')}/police/episodes/${episodeId}/briefing`);
    await police.getByText(`recorded with your name, role and the time, for episode ${reference}`).waitFor();
    await accessible(police, '10-police-briefing');
    await manager.reload();
    const timeline = await manager.locator('ol.govuk-list').textContent();
    expect(timeline).toContain('police reference DF/2026/4242');
  });

  it('the care worker reports the return and the return-interview task appears for the manager', async () => {
    await care.goto(`${stack.url('web')}/`);
    await care.getByRole('link', { name: 'Report Amina returned' }).click();
    await accessible(care, '11-return-form');
    await care.getByLabel('Where were they found?').fill('Town centre');
    await care.getByLabel('Who found or brought them back?').fill('Police patrol');
    await care.getByLabel('The police', { exact: true }).check();
    await care.getByRole('group', { name: 'Were they harmed while they were away?' }).getByLabel('No', { exact: true }).check();
    await care.getByRole('button', { name: 'Report return' }).click();
    await care.getByText('Return recorded').waitFor();
    await accessible(care, '12-return-recorded');
    for (let i = 0; i < 30 && (await manager.getByText('Return home interview').count()) === 0; i++) {
      await manager.waitForTimeout(500);
      await manager.reload();
    }
    expect(await manager.getByText('Return home interview').count()).toBeGreaterThan(0);
    await accessible(manager, '13-episode-returned');
  });
});
