import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { eventually, startStack, type Stack } from '@safeguard/testing';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessible, launchBrowser } from './browser.js';
import { CouncilIdp } from './council-idp.js';

const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const AMINA = '5e0c1a1e-0000-4000-8000-000000000001';
const COUNCIL = 'Demo Borough Council';
const CANNOT = 'You cannot sign in to Safeguard';

/** The council's table: its duty managers' group gives team manager for the demo council; another council's managers theirs. */
const ROLE_MAP = [
  { group: 'sg-duty-managers', role: 'team-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } },
  { group: 'sg-service-managers', role: 'service-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } },
  { group: 'sg-other-council-managers', role: 'team-manager', scope: { kind: 'council', id: 'OTHER-COUNCIL' } },
];

describe('council sign-in: OpenID Connect against a real provider, in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let db: pg.Client;
  const idp = new CouncilIdp();
  const contexts: BrowserContext[] = [];
  let reference = '';
  let dee: Page;

  const newPage = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  };

  /** From the console's sign-in page, through the council's sign-in page, to wherever the provider sends the browser. */
  const signInAtCouncil = async (page: Page, login: string, password = 'council-password') => {
    await page.goto(`${stack.url('web')}/sign-in`);
    await page.getByRole('button', { name: `Sign in with ${COUNCIL}` }).click();
    await page.getByLabel('Council username').fill(login);
    await page.getByLabel('Council password').fill(password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForLoadState('load');
  };
  const sessionCookie = async (page: Page) => (await page.context().cookies(stack.url('web'))).find((c) => c.name === 'sg_session');
  const federatedAccounts = async () =>
    (await db.query('SELECT username, display_name, role, scope_kind, scope_id FROM account WHERE password_hash IS NULL ORDER BY display_name')).rows;
  const webLog = () => readFileSync(stack.logFiles().find((f) => f.endsWith('/web.log'))!, 'utf8');

  beforeAll(async () => {
    Object.assign(idp.directory, {
      'dee.manager': { password: 'council-password', name: 'Dee Manager', groups: ['all-staff', 'sg-duty-managers'] },
      'olu.other': { password: 'council-password', name: 'Olu Other', groups: ['sg-other-council-managers'] },
      'left.council': { password: 'council-password', name: 'Lee Left', groups: ['sg-duty-managers'], disabled: true },
      'fin.staff': { password: 'council-password', name: 'Finley Finance', groups: ['all-staff', 'finance'] },
    });
    await idp.listen();
    stack = await startStack('council-sign-in', {
      web: true,
      env: {
        web: (url) => ({
          OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret,
          OIDC_REDIRECT_URI: `${url('web')}/sign-in/council/callback`, OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP), OIDC_DISPLAY_NAME: COUNCIL,
          OIDC_SCOPES: 'openid profile groups', OIDC_ALLOW_HTTP: 'true',
        }),
      },
    });
    idp.register(`${stack.url('web')}/sign-in/council/callback`);
    db = new pg.Client({ connectionString: stack.databaseUrl('web') });
    await db.connect();
    browser = await launchBrowser();
    // An episode in the demo council, for its managers' dashboard.
    const token = await stack.token('intake', { sub: 'care-worker-1', role: 'care-staff', scope: { kind: 'home', id: OAK_HOUSE } });
    const now = Date.now();
    const res = await fetch(`${stack.url('intake')}/api/v1/absences`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `council-${now}` },
      body: JSON.stringify({
        childId: AMINA, classification: 'M', discoveredAt: new Date(now - 5 * 60_000).toISOString(), circumstances: [],
        lastSeen: { at: new Date(now - 40 * 60_000).toISOString(), where: 'Oak House lounge', by: 'night worker' },
      }),
    });
    expect(res.status).toBe(201);
    reference = ((await res.json()) as { reference: string }).reference;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await db?.end();
    await stack?.stop();
    await idp.close();
  });

  it('the sign-in page offers the council\'s sign-in and, outside production, the demo\'s password form', async () => {
    const page = await newPage();
    await page.goto(`${stack.url('web')}/sign-in`);
    expect(await page.getByRole('button', { name: `Sign in with ${COUNCIL}` }).getAttribute('href')).toBe('/sign-in/council');
    expect(await page.getByLabel('Username').count()).toBe(1);
    await accessible(page, 'council-01-sign-in');
  });

  it('a duty manager whose group maps to team manager signs in at the council and sees the open episodes of their council', async () => {
    dee = await newPage();
    await signInAtCouncil(dee, 'dee.manager');
    await dee.waitForURL(/\/dashboard$/);
    expect(await dee.getByText('Signed in as Dee Manager (Team manager)').count()).toBe(1);
    await eventually(async () => {
      await dee.reload();
      if ((await dee.getByRole('link', { name: reference }).count()) === 0) throw new Error(`${reference} not on the dashboard yet`);
    }, { timeoutMs: 20_000, intervalMs: 500 });
    await accessible(dee, 'council-02-dashboard');
    const cookie = (await sessionCookie(dee))!;
    expect({ httpOnly: cookie.httpOnly, sameSite: cookie.sameSite }).toEqual({ httpOnly: true, sameSite: 'Strict' });
    // One account, without a password, named by a hash of issuer and subject (never the subject itself).
    expect(await federatedAccounts()).toEqual([
      { username: expect.stringMatching(/^oidc:[A-Za-z0-9_-]{32}$/), display_name: 'Dee Manager', role: 'team-manager', scope_kind: 'council', scope_id: 'DEMO-COUNCIL' },
    ]);
    expect(webLog()).not.toContain('dee.manager');
  });

  it('a manager of another council signs in the same way and sees none of the demo council\'s episodes', async () => {
    const olu = await newPage();
    await signInAtCouncil(olu, 'olu.other');
    await olu.waitForURL(/\/dashboard$/);
    expect(await olu.getByText('Signed in as Olu Other (Team manager)').count()).toBe(1);
    expect(await olu.getByText('No child is missing right now.').count()).toBe(1);
    expect(await olu.getByRole('link', { name: reference }).count()).toBe(0);
  });

  it('a person the provider refuses (access_denied) gets a plain page saying they cannot sign in, and no session', async () => {
    const page = await newPage();
    const answered = page.waitForResponse((r) => r.url().startsWith(`${stack.url('web')}/sign-in/council/callback`));
    await signInAtCouncil(page, 'left.council');
    const callback = await answered;
    expect(new URL(callback.url()).searchParams.get('error')).toBe('access_denied');
    expect(callback.status()).toBe(403);
    expect(await page.getByRole('heading', { name: CANNOT }).count()).toBe(1);
    await accessible(page, 'council-03-cannot-sign-in');
    expect(await sessionCookie(page)).toBeUndefined();
    await page.goto(`${stack.url('web')}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect((await federatedAccounts()).map((a) => a.display_name)).not.toContain('Lee Left');
  });

  it('a person whose groups give no role gets the same page, no account and no session; the log names only a hash of who they are', async () => {
    const refused = await newPage();
    await signInAtCouncil(refused, 'left.council');
    const refusedText = await refused.locator('main').innerText();

    const page = await newPage();
    const answered = page.waitForResponse((r) => r.url().startsWith(`${stack.url('web')}/sign-in/council/callback`));
    await signInAtCouncil(page, 'fin.staff');
    expect((await answered).status()).toBe(403);
    // Word for word the refused person's page: nothing says whether the provider or the role map said no.
    expect(await page.locator('main').innerText()).toBe(refusedText);
    expect(await sessionCookie(page)).toBeUndefined();
    expect((await federatedAccounts()).map((a) => a.display_name)).not.toContain('Finley Finance');
    const noRole = await eventually(() => {
      const line = webLog().split('\n').find((l) => l.includes('"signIn":"no-role"'));
      if (!line) throw new Error('no log line for the refusal yet');
      return JSON.parse(line) as Record<string, unknown>;
    });
    expect(noRole.subject).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const log = webLog();
    for (const leak of ['fin.staff', 'Finley', 'finance', 'sg-duty-managers']) expect(log).not.toContain(leak);
  });

  it('role, scope and name are refreshed at each sign-in; losing the role at the council ends the live session', async () => {
    idp.directory['dee.manager']!.groups = ['all-staff'];
    // Dee is still signed in at the provider: it answers at once, and the role map now gives her nothing.
    await dee.goto(`${stack.url('web')}/sign-in/council`);
    expect(await dee.getByRole('heading', { name: CANNOT }).count()).toBe(1);
    await dee.goto(`${stack.url('web')}/dashboard`);
    expect(new URL(dee.url()).pathname).toBe('/sign-in');

    Object.assign(idp.directory['dee.manager']!, { groups: ['sg-service-managers'], name: 'Dee Manager-Okafor' });
    await dee.goto(`${stack.url('web')}/sign-in/council`);
    await dee.waitForURL(/\/dashboard$/);
    expect(await dee.getByText('Signed in as Dee Manager-Okafor (Service manager)').count()).toBe(1);
    const dees = (await federatedAccounts()).filter((a) => a.display_name.startsWith('Dee'));
    expect(dees).toEqual([expect.objectContaining({ display_name: 'Dee Manager-Okafor', role: 'service-manager', scope_id: 'DEMO-COUNCIL' })]);
  });

  it('an answer with a tampered state is refused, and the genuine answer is bound to its browser and used once', async () => {
    const page = await newPage();
    idp.parkCallbacks = true;
    try {
      await signInAtCouncil(page, 'olu.other');
      await page.waitForURL(`${idp.issuer}/parked`);
    } finally {
      idp.parkCallbacks = false;
    }
    const genuine = new URL(idp.parked.pop()!);
    const state = genuine.searchParams.get('state')!;
    expect(genuine.searchParams.get('code')).toBeTruthy();

    // In another browser (no attempt of its own), the genuine answer signs nobody in: no login CSRF.
    const elsewhere = await newPage();
    expect((await elsewhere.goto(genuine.href))!.status()).toBe(400);
    expect(await sessionCookie(elsewhere)).toBeUndefined();

    const tampered = new URL(genuine);
    tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    const res = await page.goto(tampered.href);
    expect(res!.status()).toBe(400);
    expect(await page.getByRole('heading', { name: 'Sign-in did not complete' }).count()).toBe(1);
    expect(await sessionCookie(page)).toBeUndefined();
    // The attempt was taken by the tampered answer: the genuine one, replayed, finds nothing waiting.
    expect((await page.goto(genuine.href))!.status()).toBe(400);
    expect(await sessionCookie(page)).toBeUndefined();
    expect(webLog()).toContain('"signIn":"invalid"');
  });
});
