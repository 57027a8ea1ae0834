import { describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { metricsEndpoint, timeRequests } from './metrics.js';

/** The console's order in main.ts: timing first, /metrics before any session is looked up, then the pages. */
async function serve(run: (base: string) => Promise<void>) {
  const app = express();
  app.use(timeRequests());
  app.use('/metrics', metricsEndpoint());
  app.get('/children/:childId', (_req, res) => { res.send('a child'); });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((ok) => server.close(ok));
  }
}

describe('web /metrics', () => {
  it('serves HTTP metrics by route pattern, never the path with its ids, without a session', () => serve(async (base) => {
    expect((await fetch(`${base}/children/5e0c1a1e-0000-4000-8000-00000000abcd`)).status).toBe(200);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = await res.text();
    expect(body).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/children\/:childId",status="200"\} [1-9]/m);
    expect(body).not.toContain('00000000abcd');
    expect(body).toContain('process_cpu_seconds_total'); // the platform registry's default metrics
  }));

  it.each([['x-forwarded-for', '203.0.113.7'], ['forwarded', 'for=203.0.113.7;proto=https']])(
    'refuses a scrape that came through the public proxy (%s) with 404', (header, value) => serve(async (base) => {
      const res = await fetch(`${base}/metrics`, { headers: { [header]: value } });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('http_request_duration_seconds');
    }));
});
