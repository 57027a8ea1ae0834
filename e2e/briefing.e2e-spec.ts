import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import sharp from 'sharp';
import type { Audience, Signee } from '@safeguard/platform';
import { startStack, type Stack } from '@safeguard/testing';
import type { Browser, Page } from 'playwright-core';
import { accessible, launchBrowser, printA4, signInOnPhone } from './browser.js';

const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
/** Daniel, of the demo seeds: at Oak House, referred to the NRM 20 days ago with no Reasonable Grounds decision. */
const DANIEL = '5e0c1a1e-0000-4000-8000-000000000002';
const care: Signee = { sub: 'briefing-care', role: 'care-staff', scope: { kind: 'home', id: OAK_HOUSE } };
const manager: Signee = { sub: 'briefing-manager', role: 'team-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } };

/** A full Part 1, long enough in places that the one-page briefing has to cut it to fit. */
const PART1 = {
  identity: { otherNames: ['Dani', 'DJ'], gender: 'male', nationality: 'Albanian', homeOfficeReference: 'HO-2026-77',
    ictgContact: 'Demo ICTG service, 01632 960123', interpreterLanguage: 'Albanian' },
  physicalDescription: { height: 'about 175 cm', build: 'slim', hair: 'black, short at the sides', eyes: 'brown',
    marksScarsTattoos: `Scar through the left eyebrow; small tattoo of a star on the right wrist; ${'burn mark on the back of the left hand, '.repeat(6)}` },
  vulnerabilities: ['Owes money to the agent who brought him', 'Little English', 'New to the city'],
  warningMarkers: ['May give a false name', 'Has run from uniformed officers before'],
  associates: [
    { name: 'Cousin Arben', relationship: 'family', phone: '07700 900101', ofConcern: false },
    { name: 'Man known as Leka', relationship: 'adult of concern', phone: '07700 900666', address: 'Flat 3, 12 Canal Street', ofConcern: true },
    { name: 'Friend from college', relationship: 'friend', ofConcern: false },
    { name: 'Car wash owner', relationship: 'adult of concern', address: 'Car wash, Station Road', ofConcern: true },
    { name: 'Teacher', relationship: 'college', phone: '01632 960555', ofConcern: false },
  ],
  placesFrequented: [
    { place: 'Town library' },
    { place: 'Car wash, Station Road', riskNotes: 'Adults there have offered him work for cash' },
    { place: 'Coach station', riskNotes: 'Found here last time; coaches to London' },
    { place: 'Mosque on Hill Street' },
  ],
  phones: [{ number: '07700 900777', handset: 'Black iPhone, cracked screen', billPayer: 'Unknown adult' }],
  socialMedia: ['Instagram @dani_example', 'TikTok @dj_example'],
  moneyAndTravelCards: ['Bus pass', 'About £20 cash'],
  usualTransport: 'Bus 42 into town',
  previousEpisodes: [{ from: '2026-01-10', to: '2026-01-11', foundWhere: 'Coach station', withWhom: 'Man known as Leka', whatHappened: 'Returned by police' }],
};

describe('the police briefing, the patrol sheet, the police reference and grade, and the NRM watch, in a real browser', () => {
  let stack: Stack;
  let browser: Browser;
  let police: Page;
  let episodeId = '';
  let reference = '';

  const call = async (audience: Audience, who: Signee, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${stack.url(audience)}/api/v1${path}`, {
      method, body: body === undefined ? undefined : body instanceof Buffer ? new Uint8Array(body) : JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(audience, who)}`, ...headers },
    });
    return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  };

  /** A report as the home makes it, through intake: the episode and its reference. */
  const reportMissing = async (childId: string) => {
    const now = Date.now();
    const r = await call('intake', care, 'POST', '/absences', {
      childId, classification: 'M', circumstances: ['contact-from-unknown-adults', 'took-belongings'],
      lastSeen: { at: new Date(now - 50 * 60_000).toISOString(), where: 'Bus stop outside Oak House', by: 'Night care worker' },
      discoveredAt: new Date(now - 10 * 60_000).toISOString(),
      clothing: 'Navy puffer jacket, grey joggers, white trainers', tookWith: 'Phone and charger', mayBeWith: 'Man known as Leka',
      actionsTaken: 'Searched the house and garden; called his phone (no answer)',
    }, { 'idempotency-key': `briefing-${childId}-${now}` });
    expect(r.status).toBe(201);
    return r.json as { episodeId: string; reference: string };
  };

  beforeAll(async () => {
    stack = await startStack('briefing', { fastPolicy: true, web: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('the police liaison officer reads the whole briefing, Part 1 and Part 2 in words, and the read is audited with the episode', async () => {
    expect((await call('intake', care, 'PUT', `/children/${DANIEL}/information-pack`, PART1)).status).toBe(200);
    const photo = await sharp({ create: { width: 300, height: 400, channels: 3, background: { r: 70, g: 110, b: 160 } } })
      .composite([{ input: { create: { width: 120, height: 160, channels: 3, background: { r: 230, g: 190, b: 150 } } }, top: 80, left: 90 }]).jpeg().toBuffer();
    const saved = await call('intake', care, 'PUT', `/children/${DANIEL}/information-pack/photo`, photo, { 'content-type': 'image/jpeg', 'photo-taken-on': '2026-01-05' });
    expect(saved.status).toBe(200);
    ({ episodeId, reference } = await reportMissing(DANIEL));

    police = await signInOnPhone(browser, stack.url('web'), 'police');
    const res = await police.goto(`${stack.url('web')}/police/episodes/${episodeId}/briefing`);
    expect(res?.status()).toBe(200);
    const text = (await police.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`recorded with your name, role and the time, for episode ${reference}`);
    for (const words of [
      'Daniel Sample', 'Dani, DJ', 'Albanian', 'HO-2026-77', 'Demo ICTG service', 'about 175 cm', 'Scar through the left eyebrow',
      'Owes money to the agent', 'Has run from uniformed officers', 'Man known as Leka', '07700 900666', 'Flat 3, 12 Canal Street',
      'Adults there have offered him work for cash', 'Black iPhone, cracked screen', 'Instagram @dani_example', 'About £20 cash', 'Bus 42 into town',
      '10 January 2026 to 11 January 2026', 'Returned by police', 'Photograph taken 5 January 2026',
      // In words, not codes: the NRM and ICTG status, the legal status, the classification, the circumstances.
      'Referred to the National Referral Mechanism', 'Guardian allocated', 'Accommodated by agreement (section 20)', 'Missing: whereabouts unknown',
      'Phone or online contact from unknown adults', 'Took belongings with them', 'Reasonable Grounds decision',
      // Part 2.
      'Bus stop outside Oak House', 'Night care worker', 'Navy puffer jacket', 'Phone and charger', 'Searched the house and garden',
    ]) expect(text).toContain(words);
    for (const code of ['nrm-referred', 's20-voluntary', 'contact-from-unknown-adults', 'took-belongings']) expect(text).not.toContain(code);
    expect(await police.locator('.govuk-summary-card', { hasText: 'Man known as Leka' }).getByText('Of concern', { exact: true }).count()).toBe(1);
    expect(await police.locator('img.sg-photo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await accessible(police, 'briefing');

    const db = new pg.Client({ connectionString: stack.databaseUrl('intake') });
    await db.connect();
    try {
      const audited = await db.query(`SELECT role, child_id FROM audit_log WHERE action = 'briefing.read' AND episode_id = $1`, [episodeId]);
      expect(audited.rows).toEqual([{ role: 'police-liaison-officer', child_id: DANIEL }]);
    } finally {
      await db.end();
    }
  });

  it('prints a one-page A4 briefing for patrols, from a button that needs no inline script', async () => {
    const button = police.getByRole('button', { name: 'Print a one-page briefing' });
    expect(await button.isVisible()).toBe(true);
    await police.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await button.click();
    expect(await police.locator('body').getAttribute('data-printed')).toBe('yes');

    const { text, pngs } = await printA4(police, 'briefing-print');
    expect(pngs).toHaveLength(1);
    const { channels } = await sharp(pngs[0]!).stats();
    // A blank page has no variance; the sheet has a photo, text and rules.
    expect(Math.max(...channels.map((c) => c.stdev))).toBeGreaterThan(20);
    const printed = text.replace(/\s+/g, ' ');
    for (const words of [
      'Missing child: Daniel Sample', `Episode ${reference}`, 'Navy puffer jacket', 'Bus stop outside Oak House', 'Man known as Leka (of concern)',
      'Car wash owner (of concern)', 'Adults there have offered him work for cash', 'Albanian', 'call Oak House on 01632 960001',
    ]) expect(printed).toContain(words);
    // The three associates that matter (those of concern first): not the fourth or fifth.
    expect(printed).not.toContain('Teacher');
    expect(printed).not.toContain('Signed in as');
  });

  it('without a Part 1, the police get Part 2 and a plain message naming the home and its phone', async () => {
    const child = await call('intake', manager, 'POST', '/children', {
      homeId: OAK_HOUSE, givenName: 'Robin', familyName: 'Nopack', dateOfBirth: '2012-03-04', placingCouncil: 'DEMO-COUNCIL',
      hostCouncil: 'DEMO-COUNCIL', placementStart: '2026-01-01', accommodation: 'childrens-home', legalStatus: 's31-care-order',
    });
    expect(child.status).toBe(201);
    const { episodeId: other } = await reportMissing((child.json as { id: string }).id);
    await police.goto(`${stack.url('web')}/police/episodes/${other}/briefing`);
    const message = police.locator('#no-part1');
    await message.waitFor();
    expect((await message.innerText()).replace(/\s+/g, ' ')).toContain('There is no Part 1 of the information pack for Robin Nopack. For anything else the home knows, call Oak House on 01632 960001');
    expect(await message.getByRole('link', { name: '01632 960001' }).getAttribute('href')).toBe('tel:01632960001');
    expect(await police.locator('.sg-screen').getByText('Navy puffer jacket').count()).toBe(1);
    await accessible(police, 'briefing-no-part1');
  });

  it('the police record their reference and grade: a bad reference is named and kept, nothing is written, then the confirmation', async () => {
    await police.goto(`${stack.url('web')}/police/episodes/${episodeId}/update`);
    await police.getByLabel('Police reference number').fill('DF 2026 #1');
    await police.getByLabel('High').check();
    await police.getByRole('button', { name: 'Save' }).click();
    const summary = police.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('link', { name: 'The police reference number must only include letters, numbers, / and -' }).getAttribute('href')).toBe('#policeReference');
    expect(await police.locator('#policeReference-error').innerText()).toContain('must only include letters, numbers, / and -');
    expect(await police.getByLabel('Police reference number').inputValue()).toBe('DF 2026 #1');
    expect(await police.getByLabel('High').isChecked()).toBe(true);
    await accessible(police, 'police-update-error');
    const briefing = await call('intake', { sub: 'briefing-officer', role: 'police-liaison-officer', scope: { kind: 'police-force', id: 'DEMO-FORCE' } },
      'GET', `/absences/${episodeId}/briefing`);
    expect(briefing.json.episode).toMatchObject({ policeReference: null });

    await police.getByLabel('Police reference number').fill('DF/2026/4242');
    await police.getByRole('button', { name: 'Save' }).click();
    await police.locator('.govuk-panel').getByText(reference).waitFor();
    expect(await police.locator('.govuk-panel__title').innerText()).toBe('Police reference and grade recorded');
    await accessible(police, 'police-update-done');
    await police.goto(`${stack.url('web')}/police/episodes/${episodeId}/briefing`);
    const glance = (await police.locator('.govuk-summary-list').first().innerText()).replace(/\s+/g, ' ');
    expect(glance).toContain('DF/2026/4242');
    expect(glance).toMatch(/Police risk grade High/);
  });

  it('another force, and anyone not police, get "Page not found" and nothing of the child', async () => {
    const web = new pg.Client({ connectionString: stack.databaseUrl('web') });
    await web.connect();
    try {
      await web.query(`INSERT INTO account (id, username, display_name, password_hash, role, scope_kind, scope_id)
        SELECT gen_random_uuid(), 'police.other', 'Officer of another force', password_hash, role, scope_kind, 'OTHER-FORCE' FROM account WHERE username = 'police'`);
    } finally {
      await web.end();
    }
    for (const username of ['police.other', 'manager']) {
      const page = await signInOnPhone(browser, stack.url('web'), username);
      for (const path of ['briefing', 'update']) {
        const res = await page.goto(`${stack.url('web')}/police/episodes/${episodeId}/${path}`);
        expect({ username, path, status: res?.status() }).toEqual({ username, path, status: 404 });
        expect(await page.getByRole('heading', { name: 'Page not found' }).count()).toBe(1);
        expect(await page.locator('main').innerText()).not.toMatch(/Daniel|Sample|Leka|MFC-/);
      }
      await page.context().close();
    }
  });

  it("the council's team manager watches the Reasonable Grounds decisions: overdue, due, and missing now", async () => {
    const page = await signInOnPhone(browser, stack.url('web'), 'manager');
    // The first screen says so: Daniel's decision is overdue, and he is missing now.
    await page.goto(`${stack.url('web')}/dashboard`);
    const banner = (await page.locator('.govuk-notification-banner').innerText()).replace(/\s+/g, ' ');
    expect(banner).toContain('1 NRM Reasonable Grounds decision is overdue, 1 for a child missing now');
    await accessible(page, 'dashboard-nrm-overdue');
    // On a phone the menu is folded behind its button: the link is there, and leads to the page.
    expect(await page.locator('.govuk-service-navigation').getByRole('link', { name: 'NRM decisions', includeHidden: true }).getAttribute('href')).toBe('/nrm');
    await page.goto(`${stack.url('web')}/nrm`);
    await page.getByRole('heading', { name: 'NRM decisions awaited' }).waitFor();
    const daniel = (await page.getByRole('row', { name: /Daniel Sample/ }).innerText()).replace(/\s+/g, ' ');
    expect(daniel).toMatch(/Overdue by \d+ working days/);
    expect(daniel).toContain('Missing now');
    const jordan = (await page.getByRole('row', { name: /Jordan Placeholder/ }).innerText()).replace(/\s+/g, ' ');
    expect(jordan).toMatch(/Due \d{1,2} \w+ \d{4}/);
    expect(jordan).not.toContain('Missing now');
    expect(await page.getByText('England and Wales bank holidays', { exact: false }).count()).toBe(1);
    await accessible(page, 'nrm-watch');
    await page.context().close();
  });
});
