import { expect } from '@jest/globals';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The browser tests' shared parts: Debian Chromium, the demo password, screenshots and the accessibility check. */
export const PASSWORD = 'safeguard-demo-2026';
export const SHOTS = 'test-output/screenshots';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = promisify(execFile);

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Saves a screenshot, then fails on any serious or critical accessibility violation (axe-core, WCAG 2.x A/AA rules). */
export async function accessible(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  // Evaluated, not added as a <script>: the console's CSP (nonces, no unsafe-inline) rightly blocks an injected script.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const r = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
}

/** Signs in with the demo password on a phone-sized page (the console is phone-first); the caller closes the context. */
export async function signInOnPhone(browser: Browser, webUrl: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return page;
}

/**
 * Prints the page as Chromium does (print stylesheet, A4), renders each printed page to PNG with poppler's pdftoppm at
 * 60 dpi, and saves the PDF and the first page's PNG as `name` among the screenshots. Returns the PDF's text
 * (pdftotext) and the PNG of each page.
 */
export async function printA4(page: Page, name: string): Promise<{ text: string; pngs: Buffer[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'print-'));
  try {
    const pdf = join(dir, `${name}.pdf`);
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
    copyFileSync(pdf, `${SHOTS}/${name}.pdf`);
    await run('pdftoppm', ['-png', '-r', '60', pdf, join(dir, 'page')]);
    const pngs = readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => readFileSync(join(dir, f)));
    if (pngs[0]) writeFileSync(`${SHOTS}/${name}.png`, pngs[0]);
    const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
    return { text: stdout, pngs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
