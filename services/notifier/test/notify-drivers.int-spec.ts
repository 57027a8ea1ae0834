import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { freePort, NOTIFY_TEMPLATES, NotifyStandIn } from '@safeguard/testing';
import { PermanentDeliveryError } from '../src/channels/channel.js';
import { NotifyEmailChannel } from '../src/channels/notify-email.channel.js';
import { NotifySmsChannel } from '../src/channels/notify-sms.channel.js';

const SMS_TEMPLATE = NOTIFY_TEMPLATES.find((t) => t.type === 'sms')!.id;
const EMAIL_TEMPLATE = NOTIFY_TEMPLATES.find((t) => t.type === 'email')!.id;

/** The notifier's GOV.UK Notify drivers, through Notify's own client, against the stand-in over HTTP. */
describe('GOV.UK Notify drivers and the Notify stand-in', () => {
  let notify: NotifyStandIn;
  const settings = () => ({ baseUrl: notify.url, apiKey: notify.apiKey, timeoutMs: 5_000 });
  const sms = (text = 'Safeguard: test', to = '+447700900123') => ({ channel: 'sms' as const, to, reference: 'd1', text });
  const raw = (body: unknown, headers: Record<string, string>) =>
    fetch(`${notify.url}/v2/notifications/sms`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const jwt = (iat: number, secret = notify.apiKey.slice(-36), alg = 'HS256') =>
    new SignJWT({ iss: notify.serviceId, iat }).setProtectedHeader({ typ: 'JWT', alg }).sign(new TextEncoder().encode(secret));

  beforeAll(async () => {
    notify = await new NotifyStandIn({ bearerToken: 'unused-callback-token-at-least-32-chars!!' }).start();
  });

  afterAll(async () => {
    await notify?.stop();
  });

  it('sends a text and an email: 201, the provider id returned, the message recorded with its reference', async () => {
    const text = await new NotifySmsChannel(settings(), SMS_TEMPLATE, undefined).send(sms('Safeguard: HIGH risk missing child, MFC-2026-000001.'));
    const [recorded] = notify.sms('+447700900123');
    expect(text.providerId).toBe(recorded!.id);
    expect(recorded).toMatchObject({ reference: 'd1', body: 'Safeguard: HIGH risk missing child, MFC-2026-000001.' });
    const email = await new NotifyEmailChannel(settings(), EMAIL_TEMPLATE).send({
      channel: 'email', to: 'duty@example.org', reference: 'd2', subject: 'Subject line', text: 'Body text', html: '<p>unused</p>',
    });
    expect(notify.emails('duty@example.org')).toEqual([expect.objectContaining({ id: email.providerId, subject: 'Subject line', body: 'Body text', reference: 'd2' })]);
  });

  it('a refusal that retrying cannot fix (400, 403) fails the channel at once; 429, 500 and no answer are retried', async () => {
    const refused = async (p: Promise<unknown>) => p.then(() => 'sent', (e: Error) => `${e instanceof PermanentDeliveryError ? 'permanent' : 'retry'}: ${e.message}`);
    const wrongKey = { ...settings(), apiKey: `other-${notify.serviceId}-00000000-0000-4000-8000-000000000000` };
    expect(await refused(new NotifySmsChannel(wrongKey, SMS_TEMPLATE, undefined).send(sms()))).toBe('permanent: Notify 403 AuthError');
    expect(await refused(new NotifySmsChannel(settings(), EMAIL_TEMPLATE, undefined).send(sms()))).toBe('permanent: Notify 400 BadRequestError');
    expect(await refused(new NotifySmsChannel(settings(), SMS_TEMPLATE, undefined).send(sms('x', '020 7946 0000')))).toBe('permanent: Notify 400 ValidationError');
    notify.failFor(500, 1_000);
    expect(await refused(new NotifySmsChannel(settings(), SMS_TEMPLATE, undefined).send(sms()))).toBe('retry: Notify 500 Exception');
    notify.failFor(429, 1_000);
    expect(await refused(new NotifySmsChannel(settings(), SMS_TEMPLATE, undefined).send(sms()))).toBe('retry: Notify 429 RateLimitError');
    notify.failFor(429, 0);
    const gone = { ...settings(), baseUrl: `http://127.0.0.1:${await freePort()}` };
    expect(await refused(new NotifySmsChannel(gone, SMS_TEMPLATE, undefined).send(sms()))).toBe('retry: Notify unreachable: ECONNREFUSED');
  });

  it('the stand-in checks the JWT as Notify does: present, bearer, HS256, the key\'s secret, issued within 30 s', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = { phone_number: '07700900123', template_id: SMS_TEMPLATE, personalisation: { body: 'x' } };
    const answer = async (headers: Record<string, string>) => {
      const res = await raw(body, headers);
      return [res.status, ((await res.json()) as { errors: { error: string; message: string }[] }).errors?.[0]?.message ?? 'ok'];
    };
    expect(await answer({})).toEqual([401, 'Unauthorized: authentication token must be provided']);
    expect(await answer({ authorization: `Basic ${await jwt(now)}` })).toEqual([401, 'Unauthorized: authentication bearer scheme must be used']);
    expect(await answer({ authorization: `Bearer ${await jwt(now - 45)}` })).toEqual([403, 'Error: Your system clock must be accurate to within 30 seconds']);
    expect(await answer({ authorization: `Bearer ${await jwt(now + 45)}` })).toEqual([403, 'Error: Your system clock must be accurate to within 30 seconds']);
    expect(await answer({ authorization: `Bearer ${await jwt(now, notify.apiKey.slice(-36), 'HS512')}` })).toEqual([403, 'Invalid token: algorithm used is not HS256']);
    expect(await answer({ authorization: `Bearer ${await jwt(now, '00000000-0000-4000-8000-000000000000')}` })).toEqual([403, 'Invalid token: API key not found']);
    expect((await answer({ authorization: `Bearer ${await jwt(now)}` }))[0]).toBe(201);
  });

  it('the stand-in validates the v2 payload and personalisation as Notify does, naming each problem', async () => {
    const auth = { authorization: `Bearer ${await jwt(Math.floor(Date.now() / 1000))}` };
    const errors = async (body: unknown) => {
      const res = await raw(body, auth);
      return [res.status, ((await res.json()) as { errors: { error: string; message: string }[] }).errors];
    };
    expect(await errors({ template_id: SMS_TEMPLATE, colour: 'red' })).toEqual([400, [
      { error: 'ValidationError', message: 'Additional properties are not allowed (colour was unexpected)' },
      { error: 'ValidationError', message: 'phone_number is a required property' },
    ]]);
    expect(await errors({ phone_number: '07700900123', template_id: SMS_TEMPLATE })).toEqual([400, [{ error: 'BadRequestError', message: 'Missing personalisation: body' }]]);
    expect(await errors({ phone_number: '07700900123', template_id: SMS_TEMPLATE, personalisation: { body: 'x'.repeat(919) } }))
      .toEqual([400, [{ error: 'BadRequestError', message: 'Your message is too long. Text messages cannot be longer than 918 characters. Your message is 919 characters long.' }]]);
    expect(await errors({ phone_number: '07700900123', template_id: '7d0f0c1e-0000-4000-8000-000000000000', personalisation: {} }))
      .toEqual([400, [{ error: 'BadRequestError', message: 'Template not found' }]]);
  });
});
