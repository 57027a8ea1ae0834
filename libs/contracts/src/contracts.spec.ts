import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AbsenceReported, AlertRequested, asyncApiDocument, buildEnvelope, CONTRACTS, ContractViolation, parseEnvelope, topicSpecs,
} from './index.js';

const child = '5e0c1a1e-0000-4000-8000-000000000001';
const report = {
  episodeId: '9a0c1a1e-0000-4000-8000-000000000001', episodeReference: 'MFC-2026-000001', childId: child,
  homeId: '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001', placingCouncil: 'DEMO-COUNCIL', policeForce: 'DEMO-FORCE',
  classification: 'M' as const, lastSeenAt: '2026-11-25T01:00:00.000Z', discoveredAt: '2026-11-25T02:00:00.000Z',
  reportedAt: '2026-11-25T02:05:00.000Z', circumstances: ['took-belongings' as const], childProfileVersion: 1,
};

describe('contracts', () => {
  it('round-trips a valid envelope and validates it on consume', () => {
    const env = buildEnvelope(AbsenceReported, child, report, { source: 'intake' });
    const parsed = parseEnvelope(AbsenceReported, Buffer.from(JSON.stringify(env)));
    expect(parsed.data).toEqual(report);
    expect(parsed.subject).toBe(child);
    expect(parsed.correlationid).toBe(env.id);
  });

  it('refuses on produce a payload that carries a name or free text', () => {
    expect(() => buildEnvelope(AbsenceReported, child, { ...report, name: 'Amina' } as never, { source: 'intake' }))
      .toThrow(ContractViolation);
    expect(() => buildEnvelope(AbsenceReported, child, { ...report, circumstances: ['wearing a red coat'] } as never, { source: 'intake' }))
      .toThrow(/data.circumstances.0/);
  });

  it('names the reason when a consumed message is not JSON, has the wrong type or an invalid payload', () => {
    expect(() => parseEnvelope(AbsenceReported, Buffer.from('{oops'))).toThrow('value is not JSON');
    const other = buildEnvelope(AlertRequested, child, {
      alertId: '9a0c1a1e-0000-4000-8000-000000000009', episodeId: report.episodeId, episodeReference: report.episodeReference,
      childId: child, audience: { role: 'on-call-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } }, level: 'high',
      ladder: 'T', rung: 0, ask: 'acknowledge', attempt: 1, requestedAt: '2026-11-25T02:06:00.000Z',
    }, { source: 'episode-tracker' });
    expect(() => parseEnvelope(AbsenceReported, JSON.stringify(other))).toThrow(/type: expected/);
    const bad = { ...buildEnvelope(AbsenceReported, child, report, { source: 'intake' }) };
    (bad.data as { classification: string }).classification = 'X';
    expect(() => parseEnvelope(AbsenceReported, JSON.stringify(bad))).toThrow(/data.classification/);
    expect(() => parseEnvelope(AbsenceReported, null)).toThrow('message has no value');
  });

  it('lists every topic once, each with a .dlq twin, the profile topic compacted', () => {
    const specs = topicSpecs();
    expect(new Set(specs.map((s) => s.name)).size).toBe(CONTRACTS.length * 2);
    expect(specs.find((s) => s.name === 'intake.child-profile.v1')?.compacted).toBe(true);
    expect(specs.find((s) => s.name === 'intake.child-profile.v2')?.compacted).toBe(true);
    expect(specs.filter((s) => s.dlq).every((s) => s.name.endsWith('.dlq'))).toBe(true);
  });

  it('keeps the committed AsyncAPI document in step with the schemas (npm run asyncapi regenerates it)', () => {
    const committed = JSON.parse(readFileSync(fileURLToPath(new URL('../asyncapi.json', import.meta.url)), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
    expect(Object.values(committed.channels).filter((c) => !(c as { address: string }).address.endsWith('.dlq'))).toHaveLength(CONTRACTS.length);
    // The v2 intake events, the profile compacted and neither with a date of birth; v1 marked deprecated.
    expect(committed.channels.intakeChildProfileV2).toMatchObject({ address: 'intake.child-profile.v2', description: expect.stringMatching(/compacted topic\)$/) });
    expect(committed.channels.intakeAbsenceReportedV2.address).toBe('intake.absence-reported.v2');
    const data = (name: string) => committed.components.messages[name].payload.properties.data;
    expect(Object.keys(data('intakeChildProfileV2').properties)).not.toContain('dateOfBirth');
    expect(data('intakeChildProfileV2').additionalProperties).toBe(false);
    expect(data('intakeAbsenceReportedV2').required).toContain('ageAtDiscovery');
    expect(committed.channels.intakeChildProfileV1.description).toMatch(/^Deprecated: use intake.child-profile.v2/);
    expect(committed.channels.intakeAbsenceReportedV1.description).toMatch(/^Deprecated: use intake.absence-reported.v2/);
  });
});
