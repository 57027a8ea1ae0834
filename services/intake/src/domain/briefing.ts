import type { FoundBy, IntakeHttp, NotifiableEvent, RiskLevel } from '@safeguard/contracts';
import { factsOf, type AbsenceEpisode } from './absence-report.js';
import type { ChildPlacement } from './access.js';
import { ageOn } from './age.js';
import { childInput, type Child } from './child.js';
import type { StoredPack } from './information-pack.js';
import { reasonableGroundsAwaited } from './nrm.js';

/** An episode as the police briefing shows it: the report as updated since, and the home it was made from. */
export interface BriefingEpisode extends Pick<AbsenceEpisode, 'episodeId' | 'childId' | 'state' | 'circumstances' | 'facts'>, ChildPlacement {
  reference: string;
  classification: 'M' | 'A';
  discoveredAt: Date;
  reportedAt: Date;
  /** When the report was last added to. */
  updatedAt: Date;
  policeReference: string | null;
  policeGrade: RiskLevel | null;
  lastSeen: { at: Date; where: string; by: string };
  notifiableEvents: NotifiableEvent[];
  /** The force of the home it was reported from: only that force is briefed. */
  policeForce: string;
  home: { name: string; phone: string | null };
  placingCouncilName: string | null;
}

/** An earlier episode of the child as recorded at its return (nulls where the return said nothing of it). */
export interface RecordedEpisode {
  reference: string;
  discoveredAt: Date;
  returnedAt: Date;
  foundWhere: string | null;
  foundBy: FoundBy | null;
  mayHaveBeenWith: string | null;
  harmDuringEpisode: boolean | null;
}

/**
 * What the police are given to search for a missing child (docs/domain.md §5): the child's identity from the register
 * (age on `today`, a UK day), Part 1 as the home keeps it (null when it has none: `home` says who to call there), the
 * photograph's date (the image is read through the photo route) and Part 2, the report as updated since.
 */
export function policeBriefing(
  e: BriefingEpisode, child: Child, pack: StoredPack | undefined, today: string, earlier: readonly RecordedEpisode[] = [],
): IntakeHttp.PoliceBriefing {
  const c = childInput(child);
  return {
    episode: {
      episodeId: e.episodeId, reference: e.reference, state: e.state, classification: e.classification,
      discoveredAt: e.discoveredAt.toISOString(), reportedAt: e.reportedAt.toISOString(), policeReference: e.policeReference, policeGrade: e.policeGrade,
    },
    child: {
      childId: child.id, givenName: c.givenName, familyName: c.familyName, dateOfBirth: c.dateOfBirth, age: ageOn(c.dateOfBirth, today),
      legalStatus: c.legalStatus, placingCouncil: c.placingCouncil, placingCouncilName: e.placingCouncilName, accommodation: c.accommodation, uasc: c.uasc, separated: c.separated,
      arrivalDate: c.arrivalDate ?? null, ageAssessment: c.ageAssessment, firstLanguage: c.firstLanguage, otherLanguages: c.otherLanguages,
      medicalNeeds: c.medicalNeeds, essentialMedication: c.essentialMedication, communicationNeeds: c.communicationNeeds,
      socialWorker: c.socialWorker, iro: c.iro,
      trafficking: {
        status: c.trafficking.status, referredOn: child.nrmReferredOn, reasonableGroundsOn: child.reasonableGroundsOn,
        conclusiveGroundsOn: child.conclusiveGroundsOn,
        reasonableGroundsDueOn: reasonableGroundsAwaited({ status: child.traffickingStatus, referredOn: child.nrmReferredOn }),
      },
      ictg: { status: c.ictg.status, referredOn: child.ictgReferredOn, contact: child.ictgContact },
    },
    part1: pack?.part1 ?? null,
    photo: pack?.photoType && pack.photoTakenOn ? { takenOn: pack.photoTakenOn } : null,
    recordedEpisodes: earlier.map((x) => ({ ...x, discoveredAt: x.discoveredAt.toISOString(), returnedAt: x.returnedAt.toISOString() })),
    part2: part2Of(e),
    home: e.home,
    readFor: e.episodeId,
    audited: true,
  };
}

/** Part 2 of the pack: the report as made and added to since. */
export const part2Of = (e: BriefingEpisode): IntakeHttp.Part2 => ({
  lastSeen: { at: e.lastSeen.at.toISOString(), where: e.lastSeen.where, by: e.lastSeen.by },
  circumstances: e.circumstances, notifiableEvents: e.notifiableEvents, ...factsOf(e.facts), updatedAt: e.updatedAt.toISOString(),
});

/** What has been recorded of an absence, for those acting for the child (what they may add to, and what is there). */
export const recordedReport = (e: BriefingEpisode): IntakeHttp.AbsenceReport => ({
  episodeId: e.episodeId, reference: e.reference, state: e.state, classification: e.classification, part2: part2Of(e),
});
