import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  AlertAcknowledged, AlertDelivered, AlertFailed, AlertRequested, type DataOf, type Envelope, type Role, type Scope,
} from '@safeguard/contracts';
import { eventually, freePort, ServiceProcess, SmtpSink, TestBed, type KafkaProbe } from '@safeguard/testing';
import { signAckLink, verifyAckLink } from '../src/domain/ack-link.js';

const ACK_SECRET = 'notifier-int-ack-link-secret-at-least-32';
const FORCE = 'INT-FORCE';
const COUNCIL = 'INT-COUNCIL';

describe('notifier on a real SMTP server, PostgreSQL, Redis and Kafka', () => {
  const sink = new SmtpSink();
  let bed: TestBed;
  let probe: KafkaProbe;
  let notifier: ServiceProcess;
  let db: pg.Client;
  let delivered: Envelope<DataOf<typeof AlertDelivered>>[];
  let failed: Envelope<DataOf<typeof AlertFailed>>[];
  let acknowledged: Envelope<DataOf<typeof AlertAcknowledged>>[];

  const person = async (role: Role, scope: Scope, defaultHolder = true) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO person (id, name, email, role, scope_kind, scope_id, active, default_holder) VALUES ($1, $2, $3, $4, $5, $6, true, $7)`,
      [id, `Person ${id.slice(0, 4)}`, `${id}@example.org`, role, scope.kind, scope.id, defaultHolder],
    );
    return { id, email: `${id}@example.org` };
  };
  const alert = (role: Role, scope: Scope): DataOf<typeof AlertRequested> => ({
    alertId: randomUUID(), episodeId: randomUUID(), episodeReference: 'MFC-2026-000777', childId: randomUUID(),
    audience: { role, scope }, level: 'high', ladder: 'T', rung: 0, ask: 'acknowledge', attempt: 1,
    ackDeadline: new Date(Date.now() + 900_000).toISOString(), requestedAt: new Date().toISOString(),
  });
  const linkIn = (text: string) => /\/ack\/(\S+)/.exec(text)![1]!;

  beforeAll(async () => {
    bed = await TestBed.open('notifier');
    probe = bed.probe;
    await sink.start();
    [delivered, failed, acknowledged] = await Promise.all([probe.collect(AlertDelivered), probe.collect(AlertFailed), probe.collect(AlertAcknowledged)]);
    const port = await freePort();
    notifier = new ServiceProcess('notifier', port, {
      ...bed.env('notifier'), SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), MAIL_FROM: 'alerts@safeguard.example',
      PUBLIC_URL: `http://127.0.0.1:${port}`, ACK_LINK_SECRET: ACK_SECRET,
    }, bed.iso.id);
    await notifier.start();
    db = await bed.client('notifier');
  });

  afterAll(async () => {
    await notifier?.stop();
    await sink.stop();
    await bed?.close();
  });

  it('reaches every on-duty recipient once: the rota first, default holders otherwise, redeliveries ignored', async () => {
    const home = { kind: 'home' as const, id: randomUUID() };
    const a = await person('home-duty-manager', home);
    const b = await person('home-duty-manager', home);
    const council = { kind: 'council' as const, id: COUNCIL };
    const fallback = await person('on-call-manager', council);
    const onShift = await person('on-call-manager', council, false);
    await db.query(
      `INSERT INTO rota_shift (id, person_id, role, scope_kind, scope_id, starts_at, ends_at)
       VALUES ($1, $2, 'on-call-manager', 'council', $3, now() - interval '1 hour', now() + interval '1 hour')`,
      [randomUUID(), onShift.id, COUNCIL],
    );
    const toHome = await probe.publish(AlertRequested, randomUUID(), alert('home-duty-manager', home));
    await probe.republish(AlertRequested, toHome);
    await probe.publish(AlertRequested, randomUUID(), alert('on-call-manager', council));
    await eventually(() => {
      expect(sink.to(a.email)).toHaveLength(1);
      expect(sink.to(b.email)).toHaveLength(1);
      expect(sink.to(onShift.email)).toHaveLength(1);
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(sink.to(a.email)).toHaveLength(1);
    expect(sink.to(fallback.email)).toHaveLength(0);
    expect(delivered.filter((d) => d.data.alertId === toHome.data.alertId)).toHaveLength(2);
    // Email confirms on acceptance: one update records the send and the delivery, at the time the event gives.
    const rows = (await db.query(`SELECT state, sent_at = delivered_at AS together, delivered_at AS at FROM delivery WHERE alert_id = $1`, [toHome.data.alertId])).rows;
    expect(rows.map((r: { state: string; together: boolean }) => [r.state, r.together])).toEqual([['delivered', true], ['delivered', true]]);
    expect(rows.map((r: { at: Date }) => r.at.toISOString()).sort())
      .toEqual(delivered.filter((d) => d.data.alertId === toHome.data.alertId).map((d) => d.data.deliveredAt).sort());
  });

  it('lets administrators manage people and the rota, and nobody else', async () => {
    const admin = await bed.token('notifier', { sub: 'admin-1', role: 'admin', scope: { kind: 'council', id: COUNCIL } });
    const manager = await bed.token('notifier', { sub: 'm', role: 'team-manager', scope: { kind: 'council', id: COUNCIL } });
    const post = (path: string, token: string, body: unknown) => fetch(`${notifier.url}/api/v1${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
    });
    expect((await post('/people', manager, {})).status).toBe(403);
    const created = await post('/people', admin, { name: 'New Inspector', email: 'inspector@example.org', role: 'control-room-inspector', scope: { kind: 'police-force', id: FORCE } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const bad = await post('/rota', admin, { personId: id, startsAt: '2026-11-25T20:00:00Z', endsAt: '2026-11-25T08:00:00Z' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { 'invalid-params': { name: string }[] })['invalid-params'].map((p) => p.name)).toEqual(['body.endsAt']);
    const shift = await post('/rota', admin, { personId: id, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(shift.status).toBe(201);
    const req = alert('control-room-inspector', { kind: 'police-force', id: FORCE });
    await probe.publish(AlertRequested, req.childId, req);
    await eventually(() => expect(sink.to('inspector@example.org')).toHaveLength(1));
  });

  it("keeps each council's administrators to their own directory: people, contact details and rota", async () => {
    const adminA = await bed.token('notifier', { sub: 'admin-a', role: 'admin', scope: { kind: 'council', id: COUNCIL } });
    const adminB = await bed.token('notifier', { sub: 'admin-b', role: 'admin', scope: { kind: 'council', id: 'OTHER-COUNCIL' } });
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const res = await fetch(`${notifier.url}/api/v1${path}`, {
        method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> & { 'invalid-params'?: { name: string }[] } };
    };
    // Council A lists a police officer (of a force of their own here, so later tests' rota is untouched); its
    // administrator puts them on the rota and may change their details.
    const created = await call('POST', '/people', adminA, { name: 'Liaison Officer', email: 'liaison@example.org', role: 'police-liaison-officer', scope: { kind: 'police-force', id: 'LISTED-FORCE' } });
    expect(created.status).toBe(201);
    const officer = created.body.id as string;
    const shift = { personId: officer, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() };
    expect((await call('POST', '/rota', adminA, shift)).status).toBe(201);
    expect((await call('PATCH', `/people/${officer}`, adminA, { mobile: '07700 900450' })).status).toBe(200);
    expect(((await call('GET', '/people', adminA)).body as unknown as { id: string }[]).map((p) => p.id)).toContain(officer);
    expect(((await call('GET', '/rota', adminA)).body as unknown as { personId: string }[]).map((r) => r.personId)).toContain(officer);
    // Council B's administrator: the officer does not exist for them; nothing they try is written.
    const before = (await db.query('SELECT email, mobile, (SELECT count(*) FROM rota_shift WHERE person_id = $1)::int AS shifts FROM person WHERE id = $1', [officer])).rows;
    const listed = JSON.stringify((await call('GET', '/people', adminB)).body);
    expect(listed).not.toContain(officer);
    expect(listed).not.toContain('liaison@example.org');
    expect(JSON.stringify((await call('GET', '/rota', adminB)).body)).not.toContain(officer);
    expect((await call('PATCH', `/people/${officer}`, adminB, { email: 'attacker@example.org' })).status).toBe(404);
    const onRota = await call('POST', '/rota', adminB, shift);
    expect({ status: onRota.status, fields: onRota.body['invalid-params']?.map((p) => p.name) }).toEqual({ status: 404, fields: ['body.personId'] });
    const intoA = await call('POST', '/people', adminB, { name: 'Someone', email: 'someone@example.org', role: 'team-manager', scope: { kind: 'council', id: COUNCIL } });
    expect({ status: intoA.status, fields: intoA.body['invalid-params']?.map((p) => p.name) }).toEqual({ status: 403, fields: ['body.scope.id'] });
    expect((await db.query('SELECT email, mobile, (SELECT count(*) FROM rota_shift WHERE person_id = $1)::int AS shifts FROM person WHERE id = $1', [officer])).rows).toEqual(before);
    expect((await db.query(`SELECT count(*)::int AS n FROM person WHERE email = 'someone@example.org'`)).rows[0].n).toBe(0);
  });

  it('records a gap when nobody is on duty', async () => {
    const req = alert('iro', { kind: 'council', id: 'NOBODY-HERE' });
    await probe.publish(AlertRequested, req.childId, req);
    await eventually(() => expect(failed.filter((f) => f.data.alertId === req.alertId).map((f) => f.data.reason)).toEqual(['nobody-on-duty'])); // v1, still published
  });

  it('delivers exactly once after the SMTP server was down for a while', async () => {
    const scope = { kind: 'council' as const, id: `C-${randomUUID().slice(0, 8).toUpperCase()}` };
    const r = await person('director', scope);
    const port = sink.port;
    await sink.stop();
    await probe.publish(AlertRequested, randomUUID(), alert('director', scope));
    await new Promise((res) => setTimeout(res, 4_000));
    await sink.start(port);
    await eventually(() => expect(sink.to(r.email)).toHaveLength(1), { timeoutMs: 30_000 });
    await new Promise((res) => setTimeout(res, 1_500));
    expect(sink.to(r.email)).toHaveLength(1);
  });

  it('delivers every alert after a kill -9 mid-batch; only sends in flight at the kill repeat, with the same Message-ID', async () => {
    const scope = { kind: 'council' as const, id: `K-${randomUUID().slice(0, 8).toUpperCase()}` };
    const r = await person('service-manager', scope);
    const requests = Array.from({ length: 30 }, () => alert('service-manager', scope));
    await Promise.all(requests.map((req) => probe.publish(AlertRequested, req.childId, req)));
    await eventually(() => expect(sink.to(r.email).length).toBeGreaterThan(0), { intervalMs: 5 });
    await notifier.stop('SIGKILL');
    await notifier.start();
    const distinct = () => new Set(sink.to(r.email).map((m) => m.messageId)).size;
    await eventually(() => expect(distinct()).toBe(30), { timeoutMs: 40_000 });
    await new Promise((res) => setTimeout(res, 1_500));
    // At-least-once by design: an SMTP acceptance whose commit the kill prevented is sent again, at most one per
    // concurrent send (8), under the same deterministic Message-ID so the receiving system can discard it.
    expect(sink.to(r.email).length - 30).toBeLessThanOrEqual(8);
    expect(distinct()).toBe(30);
  });

  it('acknowledges only on POST, once; forged, expired and reused links are refused and record nothing', async () => {
    const force = { kind: 'police-force' as const, id: FORCE };
    const officer = await person('police-liaison-officer', force);
    const req = alert('police-liaison-officer', force);
    await probe.publish(AlertRequested, req.childId, req);
    const mail = await eventually(() => {
      const [m] = sink.to(officer.email);
      if (!m) throw new Error('no email for the police liaison officer yet');
      return m;
    });
    const token = linkIn(mail.text);
    const url = `${notifier.url}/ack/${token}`;

    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('MFC-2026-000777');
    expect(html).toContain('name="policeReference"');
    await new Promise((r) => setTimeout(r, 500));
    expect(acknowledged.filter((a) => a.data.alertId === req.alertId)).toHaveLength(0); // a GET (mail scanner) records nothing

    const form = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const missing = await form('policeReference=');
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Enter the police reference number');
    expect((await form('policeReference=DF%2F2026%2F42')).status).toBe(200);
    await eventually(() => expect(acknowledged.filter((a) => a.data.alertId === req.alertId).map((a) => a.data.policeReference)).toEqual(['DF/2026/42']));
    expect((await form('policeReference=DF%2F2026%2F43')).status).toBe(409);
    expect((await fetch(url)).status).toBe(409);

    expect((await fetch(`${notifier.url}/ack/${token.slice(0, -2)}${token.endsWith('xx') ? 'yy' : 'xx'}`, { method: 'POST' })).status).toBe(404);
    const check = verifyAckLink(ACK_SECRET, token);
    if (!check.ok) throw new Error('the link in the email does not verify');
    const expired = signAckLink(ACK_SECRET, { deliveryId: check.claims.deliveryId, expiresAt: Date.now() - 1_000 });
    expect((await fetch(`${notifier.url}/ack/${expired}`, { method: 'POST' })).status).toBe(410);
    await new Promise((r) => setTimeout(r, 500));
    expect(acknowledged.filter((a) => a.data.alertId === req.alertId)).toHaveLength(1);
  });
});
