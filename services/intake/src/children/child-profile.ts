import { ChildProfileChanged, type DataOf } from '@safeguard/contracts';
import type { Outbox } from '@safeguard/platform';
import type { EntityManager } from 'typeorm';
import { ChildRow } from '../db/entities.js';

/** The risk-relevant, code-only view of a child that other services may hold. Never names or free text. */
export function profileEvent(
  child: ChildRow,
  home: { councilCode: string; policeForceCode: string },
  now: Date,
): DataOf<typeof ChildProfileChanged> {
  return {
    childId: child.id,
    profileVersion: child.profileVersion,
    homeId: child.homeId,
    placingCouncil: child.placingCouncil,
    hostCouncil: child.hostCouncil,
    policeForce: home.policeForceCode,
    dateOfBirth: child.dateOfBirth,
    ageAssessment: child.ageAssessment as DataOf<typeof ChildProfileChanged>['ageAssessment'],
    placementStart: child.placementStart,
    accommodation: child.accommodation as DataOf<typeof ChildProfileChanged>['accommodation'],
    trafficking: {
      status: child.traffickingStatus as DataOf<typeof ChildProfileChanged>['trafficking']['status'],
      ...(child.traffickingSince ? { since: child.traffickingSince } : {}),
    },
    uasc: child.uasc,
    separated: child.separated,
    ...(child.arrivalDate ? { arrivalDate: child.arrivalDate } : {}),
    concerns: child.concerns as DataOf<typeof ChildProfileChanged>['concerns'],
    changedAt: now.toISOString(),
  };
}

/** Saves a child and publishes its profile in the same transaction. */
export async function saveChild(em: EntityManager, outbox: Outbox, child: ChildRow, now = new Date()): Promise<void> {
  const [home] = await em.query(
    'SELECT council_code AS "councilCode", police_force_code AS "policeForceCode" FROM home WHERE id = $1',
    [child.homeId],
  );
  if (!home) throw new Error(`home ${child.homeId} does not exist`);
  await em.getRepository(ChildRow).save(child);
  await outbox.add(em, ChildProfileChanged, child.id, profileEvent(child, home, now));
}
