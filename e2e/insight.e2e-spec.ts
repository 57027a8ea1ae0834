import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { seedIntakeYear, seedTrackerYear, startStack, syntheticYear, type Stack } from '@safeguard/testing';
import type { Browser, Page } from 'playwright-core';
import { accessible, launchBrowser, PASSWORD, SHOTS } from './browser.js';

const YEAR = syntheticYear({ council: 'DEMO-COUNCIL', force: 'DEMO-FORCE' });

describe("figures and patterns in a real browser: the council's managers, and nobody else", () => {
  let stack: Stack;
  let browser: Browser;
  let manager: Page;
  let intakeDb: pg.Client;

  const signIn = async (username: string) => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${stack.url('web')}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard$|\/$/);
    return page;
  };
  const chart = async (page: Page, id: string, name: string) => {
    const figure = page.locator(`#${id} svg[role="img"]`);
    expect(await figure.count()).toBe(1);
    await figure.screenshot({ path: `${SHOTS}/${name}.png` });
  };
  const download = async (page: Page, path: string) => {
    const res = await page.request.get(`${stack.url('web')}${path}`);
    return { status: res.status(), type: res.headers()['content-type'] ?? '', text: await res.text() };
  };

  beforeAll(async () => {
    stack = await startStack('insight', { web: true });
    intakeDb = new pg.Client({ connectionString: stack.databaseUrl('intake') });
    await intakeDb.connect();
    await seedIntakeYear(intakeDb, YEAR);
    const trackerDb = new pg.Client({ connectionString: stack.databaseUrl('episode-tracker') });
    await trackerDb.connect();
    await seedTrackerYear(trackerDb, YEAR);
    await trackerDb.end();
    browser = await launchBrowser();
    manager = await signIn('manager');
  });

  afterAll(async () => {
    await browser?.close();
    await intakeDb?.end();
    await stack?.stop();
  });

  it('shows the compliance figures of the year as charts and a table, with the known answers, and as CSV', async () => {
    await manager.getByRole('link', { name: 'Figures and patterns' }).click();
    await manager.getByLabel('Collection year (1 April to 31 March)').selectOption('2025-26');
    await manager.getByRole('button', { name: 'Show' }).click();
    await manager.waitForURL(/year=2025-26/);
    const { returnInterviewsOffered: rhi, policeInformed: police } = YEAR.expected.compliance;
    const summary = await manager.locator('.govuk-summary-list').innerText();
    expect(summary).toContain(`${rhi.inTime} of ${rhi.due}`);
    expect(summary).toContain(`${police.inTime} of ${police.due}`);
    for (const id of ['chart-episodes', 'chart-interviews', 'chart-police', 'chart-alerts']) await chart(manager, id, `30-${id}`);
    await accessible(manager, '30-insight-compliance');
    const csv = await download(manager, '/insight/compliance.csv?year=2025-26');
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(14); // header, twelve months, the year
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['month', 'episodes', 'children']);
    expect(lines.slice(1, 13).map((l) => Number(l.split(',')[1]))).toEqual(YEAR.expected.episodesByMonth);
  });

  it('shows the patterns, flags the planted link and nothing else, and records the view against each child', async () => {
    const before = Number((await intakeDb.query(`SELECT count(*) FROM audit_log WHERE action = 'insight.patterns'`)).rows[0].count);
    await manager.goto(`${stack.url('web')}/insight/patterns?year=2025-26`);
    for (const id of ['chart-when', 'chart-repeats', 'chart-last-seen']) await chart(manager, id, `31-${id}`);
    const links = manager.locator('#links ~ table tbody tr');
    expect(await links.count()).toBe(1);
    const link = await links.first().innerText();
    expect(link).toContain('Found at the same place');
    expect(link).toContain('Bus station, Northtown');
    for (const child of YEAR.expected.links[0]!.children) expect(link).toContain(child);
    await accessible(manager, '31-insight-patterns');
    const after = Number((await intakeDb.query(`SELECT count(*) FROM audit_log WHERE action = 'insight.patterns'`)).rows[0].count);
    expect(after - before).toBe(YEAR.children.length);
    const hours = await download(manager, '/insight/patterns/hours.csv?year=2025-26');
    expect(hours.text.split('\r\n')[0]).toBe(['weekday', ...Array.from({ length: 24 }, (_, h) => `h${h}`)].join(','));
    expect((await download(manager, '/insight/patterns/links.csv?year=2025-26')).text.trim().split('\r\n')).toHaveLength(2);
    for (const name of ['constructor', '__proto__', 'toString']) expect((await download(manager, `/insight/patterns/${name}`)).status).toBe(404);
  });

  it('lists the return in the DfE layout with exactly the planted rule failures, per child, ready to download', async () => {
    await manager.goto(`${stack.url('web')}/insight/return?year=2025-26`);
    const rules = await manager.locator('#failures tbody tr .govuk-tag').allInnerTexts();
    expect(rules.sort()).toEqual(YEAR.expected.breaches.map((b) => b.rule).sort());
    await accessible(manager, '32-insight-return');
    const missing = await download(manager, '/insight/return/missing.csv?year=2025-26');
    const lines = missing.text.trim().split('\r\n');
    expect(lines[0]).toBe('CHILD,DOB,MISSING,MIS_START,MIS_END');
    expect(lines).toHaveLength(YEAR.expected.rows + 1);
    expect(lines.every((l, i) => i === 0 || /^SY\d{4},\d{2}\/\d{2}\/\d{4},[MAX]?,\d{2}\/\d{2}\/\d{4},(\d{2}\/\d{2}\/\d{4})?$/.test(l))).toBe(true);
    const failures = await download(manager, '/insight/return/failures.csv?year=2025-26');
    expect(failures.text.trim().split('\r\n')).toHaveLength(YEAR.expected.breaches.length + 1);
    // Header and Episodes beside Missing, in the DfE layout, as far as the system knows them.
    const header = (await download(manager, '/insight/return/header.csv?year=2025-26')).text.trim().split('\r\n');
    expect(header[0]).toBe('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB');
    expect(header.slice(1).every((l) => /^[A-Z0-9]{1,10},,\d{2}\/\d{2}\/\d{4},,,,$/.test(l))).toBe(true);
    const episodes = (await download(manager, '/insight/return/episodes.csv?year=2025-26')).text.trim().split('\r\n');
    expect(episodes[0]).toBe('CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN');
    expect(episodes.filter((l) => l.startsWith('SY0007,'))).toEqual(['SY0007,15/01/2024,S,,,,,20/02/2026,X1,,,,', 'SY0007,20/02/2026,P,,,,,,,,,,']);
  });

  it('is not there for care staff or the on-call manager, in the page or the downloads', async () => {
    for (const username of ['care.oak', 'oncall']) {
      const page = await signIn(username);
      expect(await page.getByRole('link', { name: 'Figures and patterns' }).count()).toBe(0);
      for (const path of ['/insight?year=2025-26', '/insight/patterns?year=2025-26', '/insight/return/missing.csv?year=2025-26', '/insight/return/header.csv?year=2025-26']) {
        const res = await download(page, path);
        expect(res.status).toBe(403);
        expect(res.text).not.toContain('SY0001');
      }
    }
  });
});
