import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack } from '@safeguard/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, PASSWORD } from './browser.js';

/**
 * The front door as a browser and an attacker see it: security headers on the console and on every service, a CSP
 * with a nonce and no 'unsafe-inline' that the pages really run under, the session cookie, hostile cookies and form
 * tokens, and throttled sign-in.
 */
const csp = (headers: Record<string, string>) => headers['content-security-policy'] ?? '';
const scriptSrc = (policy: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src ')) ?? '';

describe('the front door: headers, cookies and sign-in', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    // The console believes X-Forwarded-For from loopback here, so the test can sign in from different addresses.
    stack = await startStack('frontdoor', { web: true, env: { web: { TRUST_PROXY: 'loopback' } } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** A page that records every CSP violation (the recorder is injected by the browser driver, outside the CSP). */
  const watchedPage = async (): Promise<{ page: Page; violations: () => Promise<string[]> }> => {
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    return { page, violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations) };
  };

  it('serves console pages with a nonce CSP the pages run under, HSTS and no-store; static assets may be cached', async () => {
    const { page, violations } = await watchedPage();
    const res = (await page.goto(`${stack.url('web')}/sign-in`))!;
    const headers = res.headers();
    expect(scriptSrc(csp(headers))).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}'$/);
    expect(csp(headers)).not.toContain('unsafe-inline');
    expect(csp(headers)).toContain("frame-ancestors 'none'");
    expect(csp(headers)).not.toContain('upgrade-insecure-requests'); // this run is plain http (COOKIE_SECURE=false)
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-powered-by']).toBeUndefined();
    // GOV.UK Frontend's inline script ran under the nonce, and its components started from the static file.
    expect(await page.locator('body').getAttribute('class')).toMatch(/js-enabled.*govuk-frontend-supported/);
    expect(await violations()).toEqual([]);
    // A fresh nonce for every response.
    const again = await fetch(`${stack.url('web')}/sign-in`);
    expect(scriptSrc(again.headers.get('content-security-policy')!)).not.toBe(scriptSrc(csp(headers)));
    const asset = await fetch(`${stack.url('web')}/static/app.css`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=3600/);

    // Signed in: the session cookie, and the dashboard's live-update script runs under the nonce.
    await page.getByLabel('Username').fill('oncall');
    await page.getByLabel('Password').fill(PASSWORD);
    const events = page.waitForRequest((r) => r.url().endsWith('/dashboard/events'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard$/);
    await events;
    const dashboard = await page.request.get(`${stack.url('web')}/dashboard`);
    expect(dashboard.headers()['cache-control']).toBe('no-store');
    expect(await violations()).toEqual([]);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'sg_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', secure: false, domain: '127.0.0.1' });
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    await page.context().close();
  });

  it('sends security headers and no-store on every service, ack pages included', async () => {
    for (const service of ['intake', 'risk-scoring', 'episode-tracker', 'notifier'] as const) {
      for (const path of ['/health/live', '/api/v1/episodes/00000000-0000-4000-8000-000000000000']) {
        const res = await fetch(stack.url(service) + path);
        await res.text();
        const h = Object.fromEntries(res.headers);
        expect({ service, path, hsts: h['strict-transport-security'], cache: h['cache-control'], nosniff: h['x-content-type-options'],
          frame: h['x-frame-options'], csp: h['content-security-policy'] })
          .toEqual({ service, path, hsts: expect.stringMatching(/^max-age=\d{7,}; includeSubDomains/), cache: 'no-store', nosniff: 'nosniff',
            frame: 'DENY', csp: expect.stringContaining("default-src 'none'") });
      }
    }
    const ack = await fetch(`${stack.url('notifier')}/ack/not-a-real-link`);
    expect(await ack.text()).toContain('<html');
    expect(ack.headers.get('cache-control')).toBe('no-store');
    expect(scriptSrc(ack.headers.get('content-security-policy')!)).toMatch(/^script-src 'nonce-/);
    expect(ack.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });

  /** The sign-in form's CSRF cookie and token, as a browser would hold them. */
  const signInForm = async (address = '192.0.2.1') => {
    const res = await fetch(`${stack.url('web')}/sign-in`, { headers: { 'x-forwarded-for': address } });
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('sg_csrf='))!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
    return { cookie, token };
  };
  const post = (path: string, cookie: string, body: Record<string, string>, address = '192.0.2.1') => fetch(`${stack.url('web')}${path}`, {
    method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
    body: new URLSearchParams(body),
  });

  it('answers a malformed cookie or form token with 400, never 500; a missing or stale token is an expired form', async () => {
    for (const cookie of ['sg_session=%E0%A4%A', 'sg_session=not-a-session', 'sg_csrf=%', 'sg_session="%ff"']) {
      const res = await fetch(`${stack.url('web')}/dashboard`, { headers: { cookie }, redirect: 'manual' });
      expect({ cookie, status: res.status }).toEqual({ cookie, status: 400 });
      expect(res.headers.get('cache-control')).toBe('no-store');
      // The unreadable cookie is cleared, so the browser recovers by itself.
      expect(res.headers.getSetCookie().some((c) => c.startsWith(`${cookie.split('=')[0]}=;`))).toBe(true);
    }
    // Other sites' cookies on the same host are not the console's business.
    expect((await fetch(`${stack.url('web')}/sign-in`, { headers: { cookie: 'mailpit=%E0%A4%A' } })).status).toBe(200);

    const { cookie, token } = await signInForm();
    const form = { username: 'oncall', password: PASSWORD };
    expect((await post('/sign-in', cookie, { ...form, _csrf: '%%' })).status).toBe(400);
    expect((await post('/sign-in', cookie, { ...form, _csrf: 'x'.repeat(5_000) })).status).toBe(400);
    expect((await post('/sign-in', cookie, form)).status).toBe(403);
    expect((await post('/sign-in', cookie, { ...form, _csrf: token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).status).toBe(403);
    const repeated = await fetch(`${stack.url('web')}/sign-in`, { method: 'POST', redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${token}&_csrf=${token}&username=oncall` });
    expect(repeated.status).toBe(400);
    const signedIn = await post('/sign-in', cookie, { ...form, _csrf: token });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.getSetCookie().find((c) => c.startsWith('sg_session='))).toMatch(/HttpOnly/i);
  });

  it('delays repeated failures with a time to try again, alike for known and unknown usernames, and signs in from elsewhere', async () => {
    const attacker = '198.51.100.7';
    const refusals: { status: number; retryAfter: string | null; text: string }[] = [];
    for (const username of ['police', 'no-such-officer']) {
      const { cookie, token } = await signInForm(attacker);
      let res: Response | undefined;
      for (let i = 0; i < 6; i++) {
        res = await post('/sign-in', cookie, { username, password: `guess-${i}`, _csrf: token }, attacker);
        if (res.status !== 401) break;
        await res.text();
      }
      refusals.push({ status: res!.status, retryAfter: res!.headers.get('retry-after'), text: await res!.text() });
    }
    for (const r of refusals) {
      expect(r.status).toBe(429);
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(r.retryAfter)).toBeLessThanOrEqual(60);
      expect(r.text).toMatch(/Too many attempts\. Wait \d+ seconds?, then try again\./);
    }
    // The same words and status for a username that exists and one that does not.
    const strip = (t: string) => t.replace(/\d+ seconds?/, 'N').replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '').replace(/no-such-officer|police/g, 'U');
    expect(strip(refusals[0]!.text)).toBe(strip(refusals[1]!.text));
    // Meanwhile the police liaison officer, at their own address, signs in at once.
    const own = await signInForm('203.0.113.9');
    const res = await post('/sign-in', own.cookie, { username: 'police', password: PASSWORD, _csrf: own.token }, '203.0.113.9');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });
});
