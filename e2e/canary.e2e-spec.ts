import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Audience, Signee } from '@safeguard/platform';
import { dumpTopics, eventually, startStack, type Stack } from '@safeguard/testing';

const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const COUNCIL = { kind: 'council' as const, id: 'DEMO-COUNCIL' };
const FORCE = { kind: 'police-force' as const, id: 'DEMO-FORCE' };

/**
 * Personal data must stay in intake (and in what it shows to the people allowed to read it). This registers a child
 * whose every personal field holds a distinctive canary, runs a whole episode (report, alerts, a police read of the
 * pack, return, return interview) and then looks for the canaries everywhere else: every service's log, every record
 * on every Kafka topic (dead letters included), every email and every text.
 */
describe('canary: a child\'s personal data never leaves intake except to the people who may read it', () => {
  let stack: Stack;
  const c = (field: string) => `Kq${field}Zx7`; // distinctive, and never a substring of anything else
  const DATE_OF_BIRTH = '2010-07-19';
  const canaries = new Map<string, string>();
  const mark = (field: string) => {
    const value = c(field);
    canaries.set(field, value);
    return value;
  };

  beforeAll(async () => {
    stack = await startStack('canary', { fastPolicy: true });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const call = async (audience: Audience, who: Signee, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const base = stack.url(audience);
    const res = await fetch(`${base}/api/v1${path}`, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(audience, who)}`, ...headers },
    });
    const text = await res.text();
    return { status: res.status, text, json: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown> };
  };

  it('finds none of them in any log, topic, email or text after a whole episode', async () => {
    const manager = { sub: 'canary-manager', role: 'team-manager' as const, scope: COUNCIL };
    const care = { sub: 'canary-care', role: 'care-staff' as const, scope: { kind: 'home' as const, id: OAK_HOUSE } };
    const police = { sub: 'canary-police', role: 'police-liaison-officer' as const, scope: FORCE };
    const worker = { sub: 'canary-worker', role: 'social-worker' as const, scope: COUNCIL };

    const child = await call('intake', manager, 'POST', '/children', {
      homeId: OAK_HOUSE, givenName: mark('Given'), familyName: mark('Family'), dateOfBirth: DATE_OF_BIRTH,
      placingCouncil: 'DEMO-COUNCIL', hostCouncil: 'DEMO-COUNCIL', placementStart: '2025-01-01', accommodation: 'childrens-home',
      legalStatus: 's20-voluntary', uasc: true, separated: true, arrivalDate: '2025-06-01', trafficking: { status: 'suspected' },
      socialWorker: { name: mark('SocialWorker'), phone: mark('SwPhone'), email: `${c('sw').toLowerCase()}@example.org` },
      medicalNeeds: mark('Medical'), essentialMedication: mark('Medication'), communicationNeeds: mark('Communication'),
      firstLanguage: mark('Language'), otherLanguages: [mark('OtherLanguage')],
    });
    expect(child.status).toBe(201);
    const childId = (child.json as { id: string }).id;

    const pack = await call('intake', manager, 'PUT', `/children/${childId}/information-pack`, {
      identity: { otherNames: [mark('Alias')], nationality: mark('Nationality'), homeOfficeReference: mark('HoRef'), ictgContact: mark('Ictg') },
      physicalDescription: { height: mark('Height'), build: mark('Build'), hair: mark('Hair'), eyes: mark('Eyes'), marksScarsTattoos: mark('Scar') },
      vulnerabilities: [mark('Vulnerability')], warningMarkers: [mark('Warning')],
      associates: [{ name: mark('Associate'), relationship: mark('Relationship'), phone: mark('AssocPhone'), address: mark('AssocAddress'), ofConcern: true }],
      placesFrequented: [{ place: mark('Place'), riskNotes: mark('RiskNote') }],
      phones: [{ number: mark('PhoneNumber'), handset: mark('Handset') }],
      socialMedia: [mark('Social')], moneyAndTravelCards: [mark('Oyster')], usualTransport: mark('Transport'),
      previousEpisodes: [{ from: '2025-08-01', to: '2025-08-02', foundWhere: mark('FoundWhere'), withWhom: mark('WithWhom') }],
    });
    expect(pack.status).toBe(200);

    const now = Date.now();
    const report = await call('intake', care, 'POST', '/absences', {
      childId, classification: 'M', circumstances: ['contact-from-unknown-adults'],
      lastSeen: { at: new Date(now - 40 * 60_000).toISOString(), where: mark('LastSeenWhere'), by: mark('LastSeenBy') },
      discoveredAt: new Date(now - 5 * 60_000).toISOString(),
      clothing: mark('Clothing'), tookWith: mark('TookWith'), mayBeWith: mark('MayBeWith'), actionsTaken: mark('Actions'),
    }, { 'idempotency-key': `canary-${now}` });
    expect(report.status).toBe(201);
    const { episodeId, reference } = report.json as { episodeId: string; reference: string };

    // The alerts go out (so the check below covers real messages), carrying the reference.
    await eventually(() => expect(stack.sink.messages.some((m) => m.subject.includes(reference))).toBe(true), { timeoutMs: 30_000 });

    // The police read the pack: they see the canaries (the data is there for those allowed), and the read is audited.
    const read = await call('intake', police, 'GET', `/children/${childId}/information-pack`);
    expect(read.status).toBe(200);
    expect(read.text).toContain(canaries.get('Associate'));
    const intakeDb = new pg.Client({ connectionString: stack.databaseUrl('intake') });
    await intakeDb.connect();
    try {
      const audits = await intakeDb.query('SELECT count(*)::int AS n FROM audit_log WHERE child_id = $1', [childId]);
      expect(audits.rows[0].n).toBeGreaterThanOrEqual(1);
    } finally {
      await intakeDb.end();
    }

    const back = await call('intake', care, 'POST', `/absences/${episodeId}/return`, {
      locatedAt: new Date(now - 60_000).toISOString(), returnedAt: new Date(now - 30_000).toISOString(),
      where: mark('ReturnWhere'), by: mark('ReturnBy'), foundBy: 'police', harmDuringEpisode: false,
      safeAndWellCheck: { at: new Date(now - 20_000).toISOString(), by: mark('CheckBy') },
    });
    expect(back.status).toBeLessThan(300);

    const interview = await eventually(async () => {
      const episode = await call('episode-tracker', manager, 'GET', `/episodes/${episodeId}`);
      const task = (episode.json as { tasks?: { id: string; kind: string; state: string }[] }).tasks?.find((t) => t.kind === 'return-home-interview');
      expect(task).toBeDefined();
      return task!;
    }, { timeoutMs: 30_000 });
    const done = await call('episode-tracker', worker, 'PATCH', `/tasks/${interview.id}`, { outcome: mark('InterviewOutcome') });
    expect(done.status).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 2_000)); // let the last events and log lines land

    const places: [string, string][] = [
      ...stack.logFiles().map((f) => [`log ${f.split('/').pop()}`, readFileSync(f, 'utf8')] as [string, string]),
      ...(await dumpTopics(stack.kafkaBrokers, stack.topicPrefix)).map((r) => [`topic ${r.topic}`, `${r.key} ${r.headers} ${r.value}`] as [string, string]),
      ...stack.sink.messages.map((m) => [`email to ${m.to}`, `${m.subject} ${m.text} ${m.html}`] as [string, string]),
      ...stack.notify.messages.map((m) => [`Notify ${m.type}`, JSON.stringify(m)] as [string, string]),
    ];
    // The check reads what was really sent: the events name the child by id, the emails carry the reference.
    expect(places.filter(([where, text]) => where.startsWith('topic') && text.includes(childId)).length).toBeGreaterThan(5);
    expect(places.some(([where, text]) => where.startsWith('email') && text.includes(reference))).toBe(true);
    expect(places.filter(([where]) => where.startsWith('email')).length).toBeGreaterThan(0);
    const leaks = places.flatMap(([where, text]) => [...canaries.entries(), ['dateOfBirth', DATE_OF_BIRTH] as [string, string]]
      .filter(([, value]) => text.includes(value)).map(([field]) => `${field} in ${where}`));
    expect(leaks).toEqual([]);
  });
});
