import type { IntakeHttp, RiskLevel } from '@safeguard/contracts';

type Briefing = IntakeHttp.PoliceBriefing;
type Associate = IntakeHttp.Part1['associates'][number];
type Place = IntakeHttp.Part1['placesFrequented'][number];

/** How many associates and places the one-page briefing names: the few that matter to a patrol. */
export const PATROL_PICKS = 3;

/** Free text cut at a word to fit its box on the printed page, with an ellipsis; nothing stays ''. */
export function clip(text: string | null | undefined, max: number): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** The first `n` by weight, heaviest first; equal weights keep the order the home wrote them in. */
const heaviest = <T>(all: readonly T[], weight: (x: T) => number, n: number): T[] =>
  all.map((x) => ({ x, w: weight(x) })).sort((a, b) => b.w - a.w).slice(0, n).map((e) => e.x);

/** Whom a patrol looks for first: associates of concern, then anyone with an address or a phone to try. */
export const associatesForPatrol = (all: readonly Associate[], n = PATROL_PICKS): Associate[] =>
  heaviest(all, (a) => (a.ofConcern ? 2 : 0) + (a.address || a.phone ? 1 : 0), n);

/** Where a patrol looks first: places with a note on risk, then the rest. */
export const placesForPatrol = (all: readonly Place[], n = PATROL_PICKS): Place[] => heaviest(all, (p) => (p.riskNotes ? 1 : 0), n);

/**
 * The one-page briefing for patrols without the console (docs/domain.md §5): who to look for, where and with whom,
 * what puts them at risk and whom to call, every free text cut to its box so the sheet stays on one A4 page.
 */
export function patrolSheet(b: Briefing, alertLevel: RiskLevel | null) {
  const p1 = b.part1;
  const d = p1?.physicalDescription;
  return {
    name: clip(`${b.child.givenName} ${b.child.familyName}`, 50),
    home: clip(b.home.name, 50),
    otherNames: clip(p1?.identity.otherNames.join(', '), 50),
    gender: clip(p1?.identity.gender, 30),
    description: [['Height', d?.height], ['Build', d?.build], ['Hair', d?.hair], ['Eyes', d?.eyes]]
      .filter(([, v]) => v).map(([k, v]) => ({ key: k!, value: clip(v, 25) })),
    marks: clip(d?.marksScarsTattoos, 100),
    languages: clip([b.child.firstLanguage, ...b.child.otherLanguages].filter(Boolean).join(', '), 50),
    interpreter: clip(p1?.identity.interpreterLanguage, 30),
    /** The police's own grade once recorded; until then the system's alert level. */
    risk: b.episode.policeGrade ? { level: b.episode.policeGrade, by: 'police' as const } : alertLevel ? { level: alertLevel, by: 'alert' as const } : null,
    lastSeen: { at: b.part2.lastSeen.at, where: clip(b.part2.lastSeen.where, 80), by: clip(b.part2.lastSeen.by, 50) },
    clothing: clip(b.part2.clothing, 120),
    tookWith: clip(b.part2.tookWith, 80),
    mayBeWith: clip(b.part2.mayBeWith, 100),
    medication: clip(b.child.essentialMedication, 100),
    medicalNeeds: clip(b.child.medicalNeeds, 80),
    warnings: clip(p1?.warningMarkers.join('; '), 120),
    associates: associatesForPatrol(p1?.associates ?? []).map((a) => ({
      name: clip(a.name, 30), relationship: clip(a.relationship, 20), phone: clip(a.phone, 20), address: clip(a.address, 50), ofConcern: a.ofConcern,
    })),
    places: placesForPatrol(p1?.placesFrequented ?? []).map((p) => ({ place: clip(p.place, 40), riskNotes: clip(p.riskNotes, 80) })),
  };
}
