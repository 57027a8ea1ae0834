import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import type { WebConfig } from '../config.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie.js';

/** The Set-Cookie headers a real Express response sends for these calls. */
async function setCookies(config: WebConfig, act: (res: express.Response) => void): Promise<string[]> {
  const app = express().get('/', (_req, res) => {
    act(res);
    res.end();
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return res.headers.getSetCookie();
  } finally {
    server.close();
  }
}

const config = (secure: boolean) => ({ COOKIE_SECURE: secure, SESSION_ABSOLUTE_HOURS: 12 }) as WebConfig;
const ID = 'A'.repeat(43);

describe('the session cookie', () => {
  it('over HTTPS is a __Host- cookie: Secure, Path=/, no Domain, HttpOnly, SameSite=Strict, gone by the absolute end', async () => {
    expect(SESSION_COOKIE(config(true))).toBe('__Host-sg_session');
    const [cookie] = await setCookies(config(true), (res) => setSessionCookie(res, config(true), ID));
    const parts = cookie!.split('; ');
    expect(parts[0]).toBe(`__Host-sg_session=${ID}`);
    expect(parts).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict', `Max-Age=${12 * 3600}`]));
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('over local http has the same name without the prefix and without Secure', async () => {
    expect(SESSION_COOKIE(config(false))).toBe('sg_session');
    const [cookie] = await setCookies(config(false), (res) => setSessionCookie(res, config(false), ID));
    expect(cookie).toMatch(new RegExp(`^sg_session=${ID}; `));
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('is cleared with the attributes it was set with (a __Host- cookie is only replaced by a Secure one)', async () => {
    const [cookie] = await setCookies(config(true), (res) => clearSessionCookie(res, config(true)));
    expect(cookie).toMatch(/^__Host-sg_session=; /);
    expect(cookie).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cookie!.split('; ')).toEqual(expect.arrayContaining(['Path=/', 'Secure', 'HttpOnly']));
  });
});
