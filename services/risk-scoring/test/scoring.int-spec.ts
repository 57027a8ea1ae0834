import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  AbsenceReported, AbsenceUpdated, ChildProfileChanged, EpisodeAssessed, type DataOf, type Envelope,
} from '@safeguard/contracts';
import { dropDatabase, ensureTopics } from '@safeguard/platform';
import {
  eventually, freePort, isolation, KafkaProbe, ServiceProcess, serviceEnv, TEST_PARTITIONS, testInfrastructure, TestTokens, type Infrastructure,
} from '@safeguard/testing';

const tokens = await TestTokens.create();
const HOUR = 3_600_000;

describe('risk-scoring as a running service on real Kafka, PostgreSQL and Redis', () => {
  const iso = isolation('risk');
  let infra: Infrastructure;
  let probe: KafkaProbe;
  let service: ServiceProcess;
  let assessed: Envelope<DataOf<typeof EpisodeAssessed>>[];
  const homeId = randomUUID();

  const profile = (childId: string): DataOf<typeof ChildProfileChanged> => ({
    childId, profileVersion: 1, homeId, placingCouncil: 'DEMO-COUNCIL', hostCouncil: 'DEMO-COUNCIL', policeForce: 'DEMO-FORCE',
    dateOfBirth: '2009-06-01', ageAssessment: 'not-required', placementStart: '2025-01-01', accommodation: 'childrens-home',
    trafficking: { status: 'none' }, uasc: false, separated: false, concerns: [], changedAt: new Date().toISOString(),
  });
  const report = (childId: string, discoveredAt: Date): DataOf<typeof AbsenceReported> => ({
    episodeId: randomUUID(), episodeReference: 'MFC-2026-000001', childId, homeId, placingCouncil: 'DEMO-COUNCIL',
    policeForce: 'DEMO-FORCE', classification: 'M', lastSeenAt: new Date(discoveredAt.getTime() - 60_000).toISOString(),
    discoveredAt: discoveredAt.toISOString(), reportedAt: new Date().toISOString(), circumstances: [], childProfileVersion: 1,
  });
  const of = (episodeId: string, trigger?: string) =>
    assessed.filter((a) => a.data.episodeId === episodeId && (!trigger || a.data.trigger === trigger));

  beforeAll(async () => {
    infra = await testInfrastructure();
    await ensureTopics(infra.kafkaBrokers, iso.topicPrefix, TEST_PARTITIONS);
    probe = new KafkaProbe(infra.kafkaBrokers, iso.topicPrefix);
    assessed = await probe.collect(EpisodeAssessed);
    service = new ServiceProcess('risk-scoring', await freePort(), {
      ...serviceEnv(iso, infra, 'risk', tokens), TIMER_RECONCILE_MS: '500',
    }, iso.id);
    await service.start();
  });

  afterAll(async () => {
    await service?.stop();
    await probe?.close();
    await dropDatabase(iso.database(infra.postgresUrl, 'risk')).catch(() => undefined);
    await infra?.stop();
  });

  it('turns a report into an explained assessment event, even when the report arrives before the profile', async () => {
    const child = randomUUID();
    const r = report(child, new Date());
    const reportEvent = await probe.publish(AbsenceReported, child, r);
    const profileEvent = await probe.publish(ChildProfileChanged, child, profile(child));
    const [a] = await eventually(() => {
      const found = of(r.episodeId, 'reported');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(a!.data).toMatchObject({ level: 'low', score: 10, rulesetVersion: 'v1', overrides: [] });
    expect(a!.data.factors).toEqual([{ code: 'first-or-out-of-character', points: 10 }]);
    expect(a!.data.inputEventIds).toEqual([profileEvent.id, reportEvent.id]);
    expect(a!.subject).toBe(child);
    expect(a!.causationid).toBe(profileEvent.id); // assessed when the awaited profile arrived

    // The history API explains it, for callers in scope only.
    const token = (scope: { kind: 'council' | 'home'; id: string }) =>
      tokens.token('risk-scoring', { sub: 'mgr', role: 'team-manager', scope });
    const res = await fetch(`${service.url}/api/v1/assessments?episodeId=${r.episodeId}`, {
      headers: { authorization: `Bearer ${await token({ kind: 'council', id: 'DEMO-COUNCIL' })}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { assessments: { level: string; factors: unknown[]; trigger: string }[] };
    expect(body.assessments).toEqual([expect.objectContaining({ level: 'low', trigger: 'reported', factors: a!.data.factors })]);
    const other = await fetch(`${service.url}/api/v1/assessments?episodeId=${r.episodeId}`, {
      headers: { authorization: `Bearer ${await token({ kind: 'council', id: 'OTHER-COUNCIL' })}` },
    });
    expect(other.status).toBe(404);
    const bad = await fetch(`${service.url}/api/v1/assessments?episodeId=nope`, {
      headers: { authorization: `Bearer ${await token({ kind: 'council', id: 'DEMO-COUNCIL' })}` },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { 'invalid-params': { name: string }[] })['invalid-params'][0]!.name).toBe('query.episodeId');
  });

  it('lifts a low screening to high when the police grade the episode high', async () => {
    const child = randomUUID();
    await probe.publish(ChildProfileChanged, child, profile(child));
    const r = report(child, new Date());
    const first = await probe.publish(AbsenceReported, child, r);
    await probe.republish(AbsenceReported, first); // a redelivery: must not assess twice
    await eventually(() => expect(of(r.episodeId, 'reported')).toHaveLength(1));
    await probe.publish(AbsenceUpdated, child, {
      episodeId: r.episodeId, childId: child, policeReference: 'DF-2026-1234', policeGrade: 'high', addedCircumstances: [],
      updatedAt: new Date().toISOString(),
    });
    const [updated] = await eventually(() => {
      const found = of(r.episodeId, 'updated');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(updated!.data).toMatchObject({ level: 'high', score: 10, policeGrade: 'high' });
    expect(of(r.episodeId, 'reported')).toHaveLength(1);
  });

  it('re-assesses at 24 h even when the mark passes while the service is down', async () => {
    const child = randomUUID();
    await probe.publish(ChildProfileChanged, child, profile(child));
    // Discovered almost 24 h ago: the 24 h mark falls a few seconds from now, while the service is stopped.
    const r = report(child, new Date(Date.now() - 24 * HOUR + 4_000));
    await probe.publish(AbsenceReported, child, r);
    await eventually(() => expect(of(r.episodeId, 'reported')).toHaveLength(1));
    await service.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(of(r.episodeId, 'elapsed-24h')).toHaveLength(0);
    await service.start();
    const [late] = await eventually(() => {
      const found = of(r.episodeId, 'elapsed-24h');
      expect(found).toHaveLength(1);
      return found;
    }, { timeoutMs: 20_000 });
    expect(late!.data.factors).toContainEqual({ code: 'missing-over-24h', points: 10 });
    expect(late!.data).toMatchObject({ level: 'medium', score: 20 });
  });
});
