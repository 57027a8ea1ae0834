import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { buildEnvelope, ContractViolation, parseEnvelope } from '../envelope.js';
import { CONTRACTS, topicSpecs } from '../topics.js';
import { AbsenceReportedV2 } from './intake.absence-reported.v2.js';
import { ChildProfileChanged } from './intake.child-profile.v1.js';
import { ChildProfileChangedV2 } from './intake.child-profile.v2.js';

const child = '5e0c1a1e-0000-4000-8000-000000000001';
const profile = {
  childId: child, profileVersion: 3, hostCouncil: 'HOST-COUNCIL', traffickingStatus: 'suspected' as const, uasc: true, separated: true,
  ageAssessment: 'disputed' as const, placementStart: '2026-11-20', accommodation: 'childrens-home' as const, arrivalDate: '2026-10-01',
  concerns: ['agent-debt-or-oath' as const],
};
const report = {
  episodeId: '9a0c1a1e-0000-4000-8000-000000000001', episodeReference: 'MFC-2026-000001', childId: child,
  homeId: '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001', placingCouncil: 'DEMO-COUNCIL', policeForce: 'DEMO-FORCE',
  classification: 'M' as const, lastSeenAt: '2026-11-25T01:00:00.000Z', discoveredAt: '2026-11-25T02:00:00.000Z',
  reportedAt: '2026-11-25T02:05:00.000Z', ageAtDiscovery: 15, circumstances: [], childProfileVersion: 3,
};
const withBirth = <T extends object>(data: T) => ({ ...data, dateOfBirth: '2011-04-02' }) as never;

describe('intake events v2: no date of birth on the wire', () => {
  it('round-trips a profile and a report', () => {
    expect(parseEnvelope(ChildProfileChangedV2, JSON.stringify(buildEnvelope(ChildProfileChangedV2, child, profile, { source: 'intake' }))).data)
      .toEqual(profile);
    expect(parseEnvelope(AbsenceReportedV2, JSON.stringify(buildEnvelope(AbsenceReportedV2, child, report, { source: 'intake' }))).data)
      .toEqual(report);
  });

  it('refuses a date of birth on produce and on consume (strict objects)', () => {
    expect(() => buildEnvelope(ChildProfileChangedV2, child, withBirth(profile), { source: 'intake' })).toThrow(ContractViolation);
    expect(() => buildEnvelope(AbsenceReportedV2, child, withBirth(report), { source: 'intake' })).toThrow(ContractViolation);
    const smuggled = { ...buildEnvelope(ChildProfileChangedV2, child, profile, { source: 'intake' }), data: withBirth(profile) };
    expect(() => parseEnvelope(ChildProfileChangedV2, JSON.stringify(smuggled))).toThrow(/data: Unrecognized key: "dateOfBirth"/);
    const smuggledReport = { ...buildEnvelope(AbsenceReportedV2, child, report, { source: 'intake' }), data: withBirth(report) };
    expect(() => parseEnvelope(AbsenceReportedV2, JSON.stringify(smuggledReport))).toThrow(/dateOfBirth/);
  });

  it('drops from the profile what no consumer acts on: home, placing council, police force, trafficking date', () => {
    for (const field of ['homeId', 'placingCouncil', 'policeForce', 'trafficking', 'changedAt']) {
      expect(() => buildEnvelope(ChildProfileChangedV2, child, { ...profile, [field]: 'x' } as never, { source: 'intake' })).toThrow(field);
    }
  });

  it('needs the age at discovery in whole, non-negative years', () => {
    const { ageAtDiscovery: _, ...without } = report;
    expect(() => buildEnvelope(AbsenceReportedV2, child, without as never, { source: 'intake' })).toThrow(/data.ageAtDiscovery/);
    expect(() => buildEnvelope(AbsenceReportedV2, child, { ...report, ageAtDiscovery: 14.5 }, { source: 'intake' })).toThrow(/data.ageAtDiscovery/);
    expect(() => buildEnvelope(AbsenceReportedV2, child, { ...report, ageAtDiscovery: -1 }, { source: 'intake' })).toThrow(/data.ageAtDiscovery/);
    expect(buildEnvelope(AbsenceReportedV2, child, { ...report, ageAtDiscovery: 0 }, { source: 'intake' }).data.ageAtDiscovery).toBe(0);
  });

  it('keeps the v2 profile topic compacted, beside the v1 topic it replaces', () => {
    const specs = topicSpecs('p.');
    expect(specs.find((s) => s.name === 'p.intake.child-profile.v2')).toEqual({ name: 'p.intake.child-profile.v2', compacted: true, dlq: false });
    expect(specs.find((s) => s.name === 'p.intake.child-profile.v2.dlq')?.compacted).toBe(false);
    expect(specs.find((s) => s.name === 'p.intake.absence-reported.v2')?.compacted).toBe(false);
    expect(specs.find((s) => s.name === 'p.intake.child-profile.v1')?.compacted).toBe(true);
  });

  it('has no field about birth in any event but the deprecated v1 profile', () => {
    const fieldsOf = (schema: unknown): string[] => {
      if (!schema || typeof schema !== 'object') return [];
      const s = schema as Record<string, unknown>;
      return [
        ...Object.keys((s.properties as object | undefined) ?? {}),
        ...Object.values(s).flatMap((v) => (Array.isArray(v) ? v.flatMap(fieldsOf) : fieldsOf(v))),
      ];
    };
    const offenders = CONTRACTS.filter((c) => c !== ChildProfileChanged)
      .filter((c) => fieldsOf(z.toJSONSchema(c.data, { target: 'draft-07', unrepresentable: 'any' })).some((f) => /birth|dob/i.test(f)))
      .map((c) => c.topic);
    expect(offenders).toEqual([]);
    expect(fieldsOf(z.toJSONSchema(ChildProfileChanged.data))).toContain('dateOfBirth'); // the check can see one
  });
});
