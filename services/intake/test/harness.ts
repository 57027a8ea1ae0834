import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort, ServiceProcess, type TestBed } from '@safeguard/testing';

/** Intake on a test bed's database and topics, with the demo council seeded (src/seed.ts, src/demo-data.ts). */
export async function startSeededIntake(bed: TestBed): Promise<ServiceProcess> {
  const env = bed.env('intake');
  const intake = await new ServiceProcess('intake', await freePort(), env, bed.iso.id).start();
  await promisify(execFile)(process.execPath, ['services/intake/dist/seed.js'], { env: { ...process.env, ...env } });
  return intake;
}

/** An answer of intake's API: the status and the JSON body (or the text, when it is not JSON). */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Calls intake's API (at `baseUrl()`, read at each call: a test may restart the service) with a service token. A body
 * is sent as JSON, or as it is when it is a string or a Buffer (malformed JSON, a photograph).
 */
export const apiCaller = (baseUrl: () => string) =>
  async (method: string, path: string, token: string | Promise<string>, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${baseUrl()}/api/v1${path}`, {
      method, headers: { 'content-type': 'application/json', authorization: `Bearer ${await token}`, ...headers },
      body: body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as Record<string, unknown> };
  };
