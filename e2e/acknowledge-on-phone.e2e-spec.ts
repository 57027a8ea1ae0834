import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, startStack, type Stack } from '@safeguard/testing';
import type { Browser } from 'playwright-core';
import { accessible, launchBrowser } from './browser.js';

const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const PRIYA = { id: '7a11ce00-0000-4000-8000-000000000001', mobile: '+447700900301' }; // Oak House's duty manager (demo)

/** At 2 a.m. on a phone: the text arrives, its link opens a GOV.UK page that passes axe, and the tap acknowledges. */
describe('an alert by text message, acknowledged on a phone', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack('phone', { fastPolicy: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('a report texts the duty manager; the link page is accessible and secure; acknowledging reaches the tracker', async () => {
    const post = async (path: string, token: string, body: unknown) => {
      const res = await fetch(`${stack.url('intake')}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      return (await res.json()) as Record<string, string>;
    };
    const manager = await stack.token('intake', { sub: 'e2e-manager', role: 'team-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } }, 600);
    const care = await stack.token('intake', { sub: 'e2e-care', role: 'care-staff', scope: { kind: 'home', id: OAK_HOUSE } }, 600);
    const child = await post('/children', manager, {
      homeId: OAK_HOUSE, givenName: 'Phone', familyName: 'Test', dateOfBirth: '2010-03-03', placingCouncil: 'DEMO-COUNCIL', hostCouncil: 'DEMO-COUNCIL',
      placementStart: '2025-01-01', accommodation: 'childrens-home', legalStatus: 's20-voluntary', uasc: true, separated: true, arrivalDate: '2025-06-01',
    });
    const { episodeId } = await post('/absences', care, {
      childId: child.id, classification: 'M', lastSeen: { at: new Date(Date.now() - 3_600_000).toISOString(), where: 'x', by: 'y' },
      discoveredAt: new Date(Date.now() - 60_000).toISOString(), circumstances: [],
    });

    const text = await eventually(() => {
      const t = stack.notify.sms(PRIYA.mobile).find((m) => /ACK \d{4}/.test(m.body));
      if (!t) throw new Error('no text yet');
      return t;
    });
    expect(text.body).toMatch(/^Safeguard: HIGH risk missing child, MFC-\d{4}-\d{6}\./);
    expect(text.body).not.toContain('Phone'); // no name in any message
    const link = /open (\S+)$/.exec(text.body)![1]!;

    const head = await fetch(link);
    expect(head.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'nonce-/);
    expect(head.headers.get('strict-transport-security')).toContain('max-age=');
    expect(head.headers.get('referrer-policy')).toBe('no-referrer');
    expect(head.headers.get('x-frame-options')).toBe('DENY');

    // Under the page's own CSP, GOV.UK Frontend's inline script runs by its nonce and nothing is blocked.
    const strict = await browser.newContext();
    const plain = await strict.newPage();
    const blocked: string[] = [];
    plain.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()); });
    await plain.goto(link);
    expect(await plain.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).toBe(true);
    expect(blocked).toEqual([]);
    await strict.close();

    // axe is injected as a script, which that CSP rightly refuses: this context bypasses it to run the check.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Acknowledge this alert' }).waitFor();
    await accessible(page, '20-ack-link-confirm');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByText('Alert acknowledged').first().waitFor();
    await accessible(page, '21-ack-link-done');
    await context.close();

    const tracker = await stack.token('episode-tracker', { sub: 'e2e-manager', role: 'team-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } }, 600);
    await eventually(async () => {
      const res = await fetch(`${stack.url('episode-tracker')}/api/v1/episodes/${episodeId}`, { headers: { authorization: `Bearer ${tracker}` } });
      const episode = (await res.json()) as { alerts: { acknowledgedBy: string | null }[] };
      expect(episode.alerts.some((a) => a.acknowledgedBy === `recipient:${PRIYA.id}`)).toBe(true);
    }, { timeoutMs: 15_000 });
  });
});
