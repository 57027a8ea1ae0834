import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  AlertAcknowledged, AlertDeliveredV2, AlertFailedV2, AlertRequested, type DataOf, type Envelope, type RiskLevel, type Role, type Scope,
} from '@safeguard/contracts';
import { eventually, freePort, notifyEnv, NotifyStandIn, ServiceProcess, TestBed, type KafkaProbe } from '@safeguard/testing';
import { verifyAckLink } from '../src/domain/ack-link.js';
import { gsm7Length } from '../src/domain/gsm7.js';

const TOKEN = 'notify-int-callback-token-at-least-32-characters';
const ACK_SECRET = 'notify-int-ack-link-secret-at-least-32';
const COUNCIL = { kind: 'council' as const, id: 'NOTIFY-COUNCIL' };

/** Email and text both through GOV.UK Notify (the stand-in, over HTTP, driven by Notify's own client). */
describe('notifier through GOV.UK Notify: channels, receipts, fallback, acknowledgement by reply', () => {
  let bed: TestBed;
  let probe: KafkaProbe;
  let notifier: ServiceProcess;
  let notify: NotifyStandIn;
  let db: pg.Client;
  let delivered: Envelope<DataOf<typeof AlertDeliveredV2>>[];
  let failed: Envelope<DataOf<typeof AlertFailedV2>>[];
  let acknowledged: Envelope<DataOf<typeof AlertAcknowledged>>[];
  let mobiles = 100;

  const person = async (role: Role, contact: { email?: string; mobile?: string | null } = {}, scope: Scope = { kind: 'council', id: `S-${randomUUID().slice(0, 8)}` }) => {
    const id = randomUUID();
    const email = contact.email ?? `${id}@example.org`;
    const mobile = contact.mobile === undefined ? `+447700901${String(mobiles++).padStart(3, '0')}` : contact.mobile;
    await db.query(
      `INSERT INTO person (id, name, email, mobile, role, scope_kind, scope_id, active, default_holder) VALUES ($1, 'Test Person', $2, $3, $4, $5, $6, true, true)`,
      [id, email, mobile, role, scope.kind, scope.id],
    );
    return { id, email, mobile, scope };
  };
  const alert = (role: Role, scope: Scope, level: RiskLevel = 'high', extra: Partial<DataOf<typeof AlertRequested>> = {}): DataOf<typeof AlertRequested> => ({
    alertId: randomUUID(), episodeId: randomUUID(), episodeReference: 'MFC-2026-000888', childId: randomUUID(),
    audience: { role, scope }, level, ladder: 'T', rung: 0, ask: 'acknowledge', attempt: 1,
    ackDeadline: new Date(Date.now() + 900_000).toISOString(), requestedAt: new Date().toISOString(), ...extra,
  });
  const codeIn = (text: string) => /ACK (\d{4})/.exec(text)![1]!;
  /** The alert text sent to a mobile (not a reply to a reply), once it has arrived. */
  const alertText = (mobile: string) => eventually(() => {
    const m = notify.sms(mobile).find((x) => x.reference && !x.reference.startsWith('reply-'));
    if (!m) throw new Error(`no text to ${mobile} yet`);
    return m;
  });
  const repliesTo = (mobile: string) => notify.sms(mobile).filter((m) => m.reference?.startsWith('reply-')).map((m) => m.body);

  beforeAll(async () => {
    bed = await TestBed.open('notify');
    probe = bed.probe;
    [delivered, failed, acknowledged] = await Promise.all([probe.collect(AlertDeliveredV2), probe.collect(AlertFailedV2), probe.collect(AlertAcknowledged)]);
    const port = await freePort();
    notify = await new NotifyStandIn({
      bearerToken: TOKEN, deliveryReceiptUrl: `http://127.0.0.1:${port}/notify/delivery-receipts`, receivedTextUrl: `http://127.0.0.1:${port}/notify/received-texts`,
    }, { receiptDelayMs: 50 }).start();
    notifier = new ServiceProcess('notifier', port, {
      ...bed.env('notifier'), ...notifyEnv(notify, TOKEN), EMAIL_CHANNEL: 'notify-email',
      PUBLIC_URL: `http://127.0.0.1:${port}`, ACK_LINK_SECRET: ACK_SECRET,
      NIGHT_HOURS: '00:00-00:00', // never night: the email-first rule is under test, whatever the hour
      NIGHT_HOURS_BY_SCOPE: JSON.stringify({ 'NIGHT-COUNCIL': '00:00-23:59' }), // but always night for one council
      RECEIPT_TIMEOUT_MINUTES: '0.05', DELIVERY_RECONCILE_MS: '1000', // no receipt in 3 s counts as a failure
    }, bed.iso.id);
    await notifier.start();
    db = await bed.client('notifier');
  });

  afterAll(async () => {
    await notifier?.stop();
    await notify?.stop();
    await bed?.close();
  });

  it('a high alert goes by text and email at once; "delivered" comes from Notify\'s receipts, once per channel', async () => {
    const p = await person('on-call-manager');
    const req = alert('on-call-manager', p.scope);
    await probe.publish(AlertRequested, req.childId, req);
    await eventually(() => expect(delivered.filter((d) => d.data.alertId === req.alertId).map((d) => d.data.channel).sort()).toEqual(['email', 'sms']));
    expect(delivered.filter((d) => d.data.alertId === req.alertId).every((d) => d.data.confirmedBy === 'receipt')).toBe(true);
    const [text] = notify.sms(p.mobile!);
    expect(text!.body).toMatch(/^Safeguard: HIGH risk missing child, MFC-2026-000888\. .* reply ACK \d{4} or open http:\/\/127\.0\.0\.1:\d+\/ack\/[\w-]{48}$/);
    expect(gsm7Length(text!.body)).toBeLessThanOrEqual(306);
    expect(notify.emails(p.email)[0]!.subject).toMatch(/^\[HIGH\] Child missing from care: MFC-2026-000888/);
    const refs = notify.messages.filter((m) => m.to === p.email || m.to === p.mobile).map((m) => m.reference);
    expect(new Set(refs).size).toBe(2);
  });

  it('a medium alert goes by email first; a permanent failure sends a text at once and shows as a channel failure', async () => {
    const p = await person('team-manager', { email: 'perm-fail@simulator.notify' });
    const req = alert('team-manager', p.scope, 'medium');
    await probe.publish(AlertRequested, req.childId, req);
    await eventually(() => {
      const f = failed.filter((e) => e.data.alertId === req.alertId).map((e) => e.data);
      expect(f).toEqual([expect.objectContaining({ kind: 'channel-failed', channel: 'email', failure: 'permanent-failure', retryingOn: 'sms' })]);
      expect(delivered.filter((d) => d.data.alertId === req.alertId).map((d) => d.data.channel)).toEqual(['sms']);
    });
  });

  it('a transient failure starts the other channel at once; the first keeps trying and arrives once', async () => {
    const p = await person('duty-managers-manager');
    const req = alert('duty-managers-manager', p.scope, 'medium');
    notify.failFor(500, 4_000, 'email');
    const asked = Date.now();
    await probe.publish(AlertRequested, req.childId, req);
    await eventually(() => expect(delivered.filter((d) => d.data.alertId === req.alertId).map((d) => d.data.channel)).toEqual(['sms']));
    expect(Date.now() - asked).toBeLessThan(4_000); // the text did not wait for email's retries
    await eventually(() => expect(delivered.filter((d) => d.data.alertId === req.alertId).map((d) => d.data.channel).sort()).toEqual(['email', 'sms']), { timeoutMs: 20_000 });
    expect(notify.emails(p.email)).toHaveLength(1);
    expect(failed.filter((f) => f.data.alertId === req.alertId)).toHaveLength(0);
  });

  it('a message Notify accepts but never reports on counts as failed after the wait, and the person is not left unreached', async () => {
    const p = await person('iro', { mobile: '+447700900111' }); // a Notify smoke-test number: accepted, never reported
    const req = alert('iro', p.scope);
    await probe.publish(AlertRequested, req.childId, req);
    await eventually(() => {
      expect(failed.filter((e) => e.data.alertId === req.alertId).map((e) => e.data)).toEqual([
        expect.objectContaining({ kind: 'channel-failed', channel: 'sms', failure: 'no-receipt' }),
      ]);
      expect(delivered.filter((d) => d.data.alertId === req.alertId).map((d) => d.data.channel)).toEqual(['email']);
    }, { timeoutMs: 15_000 });
    // A receipt that comes after the wait ran out is still recorded.
    expect(await notify.receipt((await alertText(p.mobile!)), 'delivered')).toBe(200);
    await eventually(() => expect(delivered.filter((d) => d.data.alertId === req.alertId).map((d) => d.data.channel).sort()).toEqual(['email', 'sms']));
  });

  it('night hours are per council: a medium alert goes by text and email at once where it is night', async () => {
    const night = await person('on-call-manager', {}, { kind: 'council', id: 'NIGHT-COUNCIL' });
    const day = await person('on-call-manager');
    const atNight = alert('on-call-manager', night.scope, 'medium');
    const byDay = alert('on-call-manager', day.scope, 'medium');
    await probe.publish(AlertRequested, atNight.childId, atNight);
    await probe.publish(AlertRequested, byDay.childId, byDay);
    await eventually(() => {
      expect(delivered.filter((d) => d.data.alertId === atNight.alertId).map((d) => d.data.channel).sort()).toEqual(['email', 'sms']);
      expect(delivered.filter((d) => d.data.alertId === byDay.alertId).map((d) => d.data.channel)).toEqual(['email']);
    });
  });

  it('the link and the reply code last until the acknowledgement deadline plus the margin (120 min), not 72 h', async () => {
    const p = await person('team-manager');
    const req = alert('team-manager', p.scope);
    await probe.publish(AlertRequested, req.childId, req);
    const link = /\/ack\/([\w-]{48})$/.exec((await alertText(p.mobile!)).body)![1]!;
    const check = verifyAckLink(ACK_SECRET, link);
    expect(check.ok && check.claims.expiresAt).toBe(Math.floor((Date.parse(req.ackDeadline!) + 120 * 60_000) / 1000) * 1000);
    const [row] = (await db.query('SELECT expires_at FROM delivery WHERE alert_id = $1 AND channel = $2', [req.alertId, 'sms'])).rows;
    expect(new Date(row.expires_at).getTime()).toBe(Date.parse(req.ackDeadline!) + 120 * 60_000);
  });

  it('forty alerts at once to two people sharing a duty phone: forty texts, forty different codes, each held for its text', async () => {
    const shared = `+447700902${String(mobiles++).padStart(3, '0')}`;
    const scope: Scope = { kind: 'council', id: `S-${randomUUID().slice(0, 8)}` };
    await person('on-call-manager', { mobile: shared }, scope);
    await person('on-call-manager', { mobile: shared }, scope);
    const reqs = Array.from({ length: 20 }, () => alert('on-call-manager', scope));
    await Promise.all(reqs.map((r) => probe.publish(AlertRequested, r.childId, r)));
    const texts = await eventually(() => {
      const sent = notify.sms(shared).filter((m) => m.reference && !m.reference.startsWith('reply-'));
      expect(sent).toHaveLength(40);
      return sent;
    }, { timeoutMs: 30_000 });
    const codes = texts.map((t) => codeIn(t.body));
    expect(new Set(codes).size).toBe(40);
    const held = (await db.query(
      `SELECT r.code, d.reply_code, r.held_until = d.expires_at + interval '1 day' AS "dayPastExpiry"
         FROM reply_code r JOIN delivery d ON d.id = r.delivery_id WHERE r.address = $1`, [shared])).rows;
    expect(held.map((h: { code: string }) => h.code).sort()).toEqual([...codes].sort());
    expect(held.every((h: { code: string; reply_code: string; dayPastExpiry: boolean }) => h.code === h.reply_code && h.dayPastExpiry)).toBe(true);
  });

  it('a phone holding every reply code still gets its text, with the link alone, and the link acknowledges', async () => {
    const p = await person('on-call-manager');
    await db.query(`INSERT INTO reply_code (address, code, delivery_id, held_until)
      SELECT $1, c::text, gen_random_uuid(), now() + interval '1 hour' FROM generate_series(1000, 9999) c`, [p.mobile]);
    const req = alert('on-call-manager', p.scope);
    await probe.publish(AlertRequested, req.childId, req);
    const text = (await alertText(p.mobile!)).body;
    expect(text).toMatch(/ open http:\/\/127\.0\.0\.1:\d+\/ack\/[\w-]{48} to acknowledge$/);
    expect(text).not.toMatch(/ACK \d{4}/);
    await eventually(() => expect(delivered.filter((d) => d.data.alertId === req.alertId).map((d) => d.data.channel).sort()).toEqual(['email', 'sms']));
    expect((await db.query('SELECT reply_code FROM delivery WHERE alert_id = $1 AND channel = $2', [req.alertId, 'sms'])).rows).toEqual([{ reply_code: null }]);
    const link = /(http:\S+\/ack\/[\w-]{48})/.exec(text)![1]!;
    expect((await fetch(link, { method: 'POST' })).status).toBe(200);
    await eventually(() => expect(acknowledged.filter((a) => a.data.alertId === req.alertId).map((a) => a.data.recipientId)).toEqual([p.id]));
  });

  it('every channel failing for a person is a gap, reported once', async () => {
    const p = await person('service-manager', { email: 'perm-fail@simulator.notify', mobile: '+447700900002' });
    const req = alert('service-manager', p.scope);
    await probe.publish(AlertRequested, req.childId, req);
    await eventually(() => {
      const f = failed.filter((e) => e.data.alertId === req.alertId).map((e) => e.data);
      expect(f.filter((e) => e.kind === 'channel-failed')).toHaveLength(2);
      expect(f.filter((e) => e.kind === 'gap')).toEqual([expect.objectContaining({ gap: 'unreachable', recipientId: p.id })]);
    });
  });

  it('acknowledges by a reply with the code, once; wrong, reused and reference-less replies change nothing and are answered', async () => {
    const manager = await person('home-duty-manager');
    const req = alert('home-duty-manager', manager.scope);
    await probe.publish(AlertRequested, req.childId, req);
    const code = codeIn((await alertText(manager.mobile!)).body);
    const wrong = code === '1234' ? '4321' : '1234';
    expect((await notify.receiveText(manager.mobile!, `ACK ${wrong}`)).status).toBe(200);
    expect((await notify.receiveText(manager.mobile!, 'on my way')).status).toBe(200);
    await eventually(() => expect(repliesTo(manager.mobile!)).toEqual([
      `Safeguard: code ${wrong} is not recognised for this phone. Nothing recorded.`,
      expect.stringMatching(/^Safeguard: not understood/),
    ]));
    expect(acknowledged.filter((a) => a.data.alertId === req.alertId)).toHaveLength(0);
    await notify.receiveText(manager.mobile!, `ack ${code}`);
    await eventually(() => expect(acknowledged.filter((a) => a.data.alertId === req.alertId).map((a) => a.data.recipientId)).toEqual([manager.id]));
    await notify.receiveText(manager.mobile!, `ACK ${code}`);
    await eventually(() => expect(repliesTo(manager.mobile!).slice(2)).toEqual([
      expect.stringMatching(/^Safeguard: acknowledged/), `Safeguard: MFC-2026-000888 was already acknowledged with code ${code}. Nothing more recorded.`,
    ]));
    // A code is bound to the phone it was sent to.
    const other = await person('home-duty-manager');
    const toOther = alert('home-duty-manager', other.scope);
    await probe.publish(AlertRequested, toOther.childId, toOther);
    const otherCode = codeIn((await alertText(other.mobile!)).body);
    if (otherCode === code) return; // 1 in 9,000: the other phone was given the same code, and this check means nothing
    await notify.receiveText(other.mobile!, `ACK ${code}`);
    await eventually(() => expect(repliesTo(other.mobile!)).toEqual([`Safeguard: code ${code} is not recognised for this phone. Nothing recorded.`]));
    await new Promise((r) => setTimeout(r, 500));
    expect(acknowledged.filter((a) => a.data.alertId === req.alertId)).toHaveLength(1);

    const officer = await person('police-liaison-officer', {}, { kind: 'police-force', id: 'NOTIFY-FORCE' });
    const toPolice = alert('police-liaison-officer', officer.scope);
    await probe.publish(AlertRequested, toPolice.childId, toPolice);
    const policeText = (await alertText(officer.mobile!)).body;
    expect(policeText).toContain('+ police ref');
    const policeCode = codeIn(policeText);
    await notify.receiveText(officer.mobile!, `ACK ${policeCode}`);
    await eventually(() => expect(repliesTo(officer.mobile!)).toEqual([expect.stringMatching(/^Safeguard: reply ACK \d{4} and the police reference/)]));
    await notify.receiveText(officer.mobile!, `ACK ${policeCode} DF/2026/555`);
    await eventually(() => expect(acknowledged.filter((a) => a.data.alertId === toPolice.alertId).map((a) => a.data.policeReference)).toEqual(['DF/2026/555']));
  });

  it('a phone never texted gets no answer; a phone that keeps missing is answered once more, then not at all', async () => {
    expect((await notify.receiveText('+447700909999', 'ACK 1234')).status).toBe(200);
    const manager = await person('home-duty-manager');
    const req = alert('home-duty-manager', manager.scope);
    await probe.publish(AlertRequested, req.childId, req);
    await alertText(manager.mobile!);
    for (let i = 0; i < 7; i++) await notify.receiveText(manager.mobile!, 'hello?');
    await eventually(() => expect(repliesTo(manager.mobile!)).toHaveLength(6));
    await new Promise((r) => setTimeout(r, 500));
    const answers = repliesTo(manager.mobile!);
    expect(answers).toHaveLength(6);
    expect(answers.at(-1)).toMatch(/^Safeguard: too many unrecognised replies/);
    expect(repliesTo('+447700909999')).toEqual([]);
  });

  it('a re-posted received text is processed once; callbacks with a wrong token get 401 and change nothing', async () => {
    const manager = await person('home-duty-manager');
    const req = alert('home-duty-manager', manager.scope);
    await probe.publish(AlertRequested, req.childId, req);
    const sent = await alertText(manager.mobile!);
    expect((await notify.receiveText(manager.mobile!, `ACK ${codeIn(sent.body)}`, 'a-wrong-token-that-is-long-enough-to-look-real')).status).toBe(401);
    expect(await notify.receipt(sent, 'permanent-failure', 'a-wrong-token-that-is-long-enough-to-look-real')).toBe(401);
    const body = { id: randomUUID(), source_number: manager.mobile!.slice(1), destination_number: '07700900999', message: `ACK ${codeIn(sent.body)}`, date_received: new Date().toISOString() };
    const post = () => fetch(`${notifier.url}/notify/received-texts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
    expect((await post()).status).toBe(200);
    expect(await (await post()).json()).toEqual({ outcome: 'repeat' });
    await eventually(() => expect(acknowledged.filter((a) => a.data.alertId === req.alertId)).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 500));
    expect(acknowledged.filter((a) => a.data.alertId === req.alertId)).toHaveLength(1);
    expect(failed.filter((f) => f.data.alertId === req.alertId)).toHaveLength(0);

    const unknown = await notify.receipt({ id: randomUUID(), reference: randomUUID(), to: '+447700900123', type: 'sms' }, 'delivered');
    expect(unknown).toBe(200);
    const malformed = await fetch(`${notifier.url}/notify/delivery-receipts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ id: 'x' }) });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { 'invalid-params': { name: string }[] })['invalid-params'].map((p) => p.name)).toContain('body.id');
  });

  it('Notify answering 500 and then 429 delays texts and emails but sends each once per channel', async () => {
    const people = await Promise.all(Array.from({ length: 3 }, () => person('director', {}, COUNCIL)));
    notify.failFor(500, 2_000);
    const req = alert('director', COUNCIL);
    await probe.publish(AlertRequested, req.childId, req);
    await new Promise((r) => setTimeout(r, 2_100));
    notify.failFor(429, 2_000);
    await eventually(() => expect(delivered.filter((d) => d.data.alertId === req.alertId)).toHaveLength(6), { timeoutMs: 40_000 });
    for (const p of people) {
      expect(notify.sms(p.mobile!).filter((m) => !m.reference?.startsWith('reply-'))).toHaveLength(1);
      expect(notify.emails(p.email)).toHaveLength(1);
    }
  });

  it('a malformed mobile number gets a 400 naming the field; a valid one is stored in E.164', async () => {
    const admin = await bed.token('notifier', { sub: 'admin-1', role: 'admin', scope: COUNCIL }, 300);
    const post = (body: unknown) => fetch(`${notifier.url}/api/v1/people`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body),
    });
    const base = { name: 'New Manager', email: 'new.manager@example.org', role: 'on-call-manager', scope: COUNCIL };
    const bad = await post({ ...base, mobile: '020 7946 0000', email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { 'invalid-params': { name: string }[] })['invalid-params'].map((p) => p.name).sort()).toEqual(['body.email', 'body.mobile']);
    const good = await post({ ...base, mobile: '07700 900 456' });
    expect(good.status).toBe(201);
    expect(((await good.json()) as { mobile: string }).mobile).toBe('+447700900456');
  });
});
