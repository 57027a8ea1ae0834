import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import express from 'express';
import nunjucks from 'nunjucks';

export const GOVUK_DIST = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
const VIEWS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'views');
const env = nunjucks.configure([VIEWS, GOVUK_DIST], { autoescape: true });

export interface Page {
  status: number;
  html: string;
  nonce: string;
}

/** A page with its CSP nonce (GOV.UK Frontend's template has one inline script, allowed by the nonce alone). */
export function page(status: number, view: 'ack-confirm' | 'ack-done' | 'ack-refused', context: Record<string, unknown>): Page {
  const nonce = randomBytes(16).toString('base64');
  return { status, nonce, html: env.render(`${view}.njk`, { ...context, cspNonce: nonce }) };
}

export const refused = (status: number, title: string, text: string) => page(status, 'ack-refused', { title, text });

const CSP = "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Security headers for every response, and GOV.UK Frontend's stylesheet and fonts. */
export function securePages(app: INestApplication) {
  app.use((_req: express.Request, res: express.Response, next: () => void) => {
    res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    // The link carries its token in the path: never send it on as a referrer.
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    res.setHeader('content-security-policy', CSP);
    next();
  });
  app.use('/govuk', express.static(join(GOVUK_DIST, 'govuk'), { maxAge: '1h', index: false }));
  app.use('/assets', express.static(join(GOVUK_DIST, 'govuk', 'assets'), { maxAge: '1h', index: false }));
}

/** Sends a page with a script-src for its nonce only. */
export function send(res: express.Response, p: Page) {
  res.setHeader('content-security-policy', `${CSP}; script-src 'nonce-${p.nonce}'`);
  res.setHeader('cache-control', 'no-store');
  res.status(p.status).type('html').send(p.html);
}
