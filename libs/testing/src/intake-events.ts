import { randomUUID } from 'node:crypto';
import type { AbsenceReported, AbsenceReportedV2, ChildProfileChanged, ChildProfileChangedV2, DataOf } from '@safeguard/contracts';

/**
 * Intake's events as a consumer receives them, for children at one home found missing at one moment: v1 (the backlog,
 * the profile with a date of birth) and v2 (no date of birth; the report carries the age at discovery instead). Each
 * report is a new episode with a reference of its own.
 */
export function intakeEvents(at: { homeId: string; council: string; policeForce: string; discoveredAt: Date }) {
  const { homeId, council, policeForce, discoveredAt } = at;
  let reports = 0;
  const profileV1 = (childId: string, dateOfBirth: string, over: Partial<DataOf<typeof ChildProfileChanged>> = {}): DataOf<typeof ChildProfileChanged> => ({
    childId, profileVersion: 1, homeId, placingCouncil: council, hostCouncil: council, policeForce,
    dateOfBirth, ageAssessment: 'not-required', placementStart: '2025-01-01', accommodation: 'childrens-home',
    trafficking: { status: 'none' }, uasc: false, separated: false, concerns: [], changedAt: new Date().toISOString(), ...over,
  });
  const profileV2 = (childId: string): DataOf<typeof ChildProfileChangedV2> => ({
    childId, profileVersion: 1, hostCouncil: council, traffickingStatus: 'none', uasc: false, separated: false,
    ageAssessment: 'not-required', placementStart: '2025-01-01', accommodation: 'childrens-home', concerns: [],
  });
  const reportV1 = (childId: string): DataOf<typeof AbsenceReported> => ({
    episodeId: randomUUID(), episodeReference: `MFC-2026-${String(800_000 + ++reports)}`, childId, homeId, placingCouncil: council,
    policeForce, classification: 'M', lastSeenAt: new Date(discoveredAt.getTime() - 60_000).toISOString(),
    discoveredAt: discoveredAt.toISOString(), reportedAt: new Date().toISOString(), circumstances: [], childProfileVersion: 1,
  });
  return {
    profileV1, profileV2, reportV1,
    reportV2: (childId: string, ageAtDiscovery: number): DataOf<typeof AbsenceReportedV2> => ({ ...reportV1(childId), ageAtDiscovery }),
    /** A date of birth that makes a child `years` old at discovery, half a year clear of a birthday. */
    bornYearsBefore: (years: number) => new Date(discoveredAt.getTime() - (years * 365.25 + 182) * 86_400_000).toISOString().slice(0, 10),
  };
}
