import { collectionYearMonths, ukClock } from '@safeguard/contracts';

/**
 * Patterns that help prevent the next episode (for council managers): when children go missing, who goes missing
 * again, where they were last seen and found, and links between children for a professional to review. A link is a
 * prompt to look, never a conclusion.
 */
export interface AbsenceFacts {
  episodeId: string;
  reference: string;
  childId: string;
  homeId: string;
  lastSeenAt: Date;
  returnedAt: Date | null;
  lastSeenWhere: string;
  foundWhere: string | null;
}

export interface ChildAssociates {
  childId: string;
  associates: { name: string; phone?: string }[];
}

export interface PlaceCount {
  place: string;
  episodes: number;
  children: number;
}

export type LinkKind = 'missing-together' | 'found-at-same-place' | 'shared-associate';

export interface Link {
  kind: LinkKind;
  children: [string, string];
  episodes: string[];
  /** The place or associate they share, as recorded. */
  detail: string;
}

/** Episodes by UK hour of day (columns 0–23) and weekday (rows, Monday first), from when the child was last seen. */
export function hourByWeekday(absences: AbsenceFacts[]): number[][] {
  const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const a of absences) {
    const { weekday, hour } = ukClock(a.lastSeenAt);
    grid[weekday]![hour]! += 1;
  }
  return grid;
}

/** Each child's episodes per month of the collection year (April first), children with the most first. */
export function repeatsByChild(absences: AbsenceFacts[], year: string): { childId: string; total: number; byMonth: number[] }[] {
  const months = collectionYearMonths(year);
  const byChild = new Map<string, number[]>();
  for (const a of absences) {
    const m = months.indexOf(ukClock(a.lastSeenAt).month);
    if (m < 0) continue;
    const row = byChild.get(a.childId) ?? Array<number>(12).fill(0);
    row[m]! += 1;
    byChild.set(a.childId, row);
  }
  return [...byChild].map(([childId, byMonth]) => ({ childId, byMonth, total: byMonth.reduce((s, n) => s + n, 0) }))
    .sort((a, b) => b.total - a.total || a.childId.localeCompare(b.childId));
}

/** Places are grouped as recorded, ignoring case, spacing and punctuation ("High St." = "high st"). */
export const placeKey = (place: string) => place.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function countPlaces(entries: { place: string | null; childId: string }[]): PlaceCount[] {
  const groups = new Map<string, { place: string; episodes: number; children: Set<string> }>();
  for (const { place, childId } of entries) {
    if (!place || !placeKey(place)) continue;
    const g = groups.get(placeKey(place)) ?? { place: place.trim(), episodes: 0, children: new Set<string>() };
    g.episodes += 1;
    g.children.add(childId);
    groups.set(placeKey(place), g);
  }
  return [...groups.values()].map((g) => ({ place: g.place, episodes: g.episodes, children: g.children.size }))
    .sort((a, b) => b.episodes - a.episodes || a.place.localeCompare(b.place));
}

export function places(absences: AbsenceFacts[]): { lastSeen: PlaceCount[]; found: PlaceCount[] } {
  return {
    lastSeen: countPlaces(absences.map((a) => ({ place: a.lastSeenWhere, childId: a.childId }))),
    found: countPlaces(absences.map((a) => ({ place: a.foundWhere, childId: a.childId }))),
  };
}

const phoneKey = (phone: string) => phone.replace(/\D/g, '').replace(/^44/, '0');

/** Places where children are routinely found or brought back: a shared one says nothing about a link. */
const ROUTINE_PLACES = new Set(['home', 'the home', 'placement', 'the placement', 'returned home', 'own accord', 'returned of own accord',
  'police station', 'unknown', 'not known', 'school', 'hospital'].map((p) => placeKey(p)));
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Links between two children: missing at overlapping times from the same home, found at the same (not routine)
 * place, or an associate with the same phone number in both information packs. One entry per pair and kind. The
 * associate is matched inside intake and never shown: the link says only that the packs share one (docs/domain.md §5).
 * `openUntil` ends still-open episodes (now, or the end of a past year).
 */
export function links(absences: AbsenceFacts[], packs: ChildAssociates[], openUntil: Date): Link[] {
  const found = new Map<string, Link>();
  const add = (kind: LinkKind, a: string, b: string, episodes: string[], detail: string) => {
    if (a === b) return;
    const key = `${kind}|${pairKey(a, b)}`;
    const link = found.get(key);
    if (link) link.episodes = [...new Set([...link.episodes, ...episodes])];
    else found.set(key, { kind, children: (a < b ? [a, b] : [b, a]) as [string, string], episodes, detail });
  };
  const sorted = [...absences].sort((x, y) => x.lastSeenAt.getTime() - y.lastSeenAt.getTime());
  for (const [i, x] of sorted.entries()) {
    const xEnd = (x.returnedAt ?? openUntil).getTime();
    for (const y of sorted.slice(i + 1)) {
      if (y.lastSeenAt.getTime() >= xEnd) break;
      if (y.homeId === x.homeId) add('missing-together', x.childId, y.childId, [x.reference, y.reference], 'same home, overlapping times');
    }
  }
  const byPlace = new Map<string, AbsenceFacts[]>();
  for (const a of absences) if (a.foundWhere && placeKey(a.foundWhere) && !ROUTINE_PLACES.has(placeKey(a.foundWhere))) byPlace.set(placeKey(a.foundWhere), [...(byPlace.get(placeKey(a.foundWhere)) ?? []), a]);
  for (const group of byPlace.values()) {
    for (const [i, x] of group.entries()) for (const y of group.slice(i + 1)) add('found-at-same-place', x.childId, y.childId, [x.reference, y.reference], x.foundWhere!.trim());
  }
  const byPhone = new Map<string, string[]>();
  for (const p of packs) {
    for (const a of p.associates) {
      const key = a.phone ? phoneKey(a.phone) : '';
      if (key.length >= 7) byPhone.set(key, [...(byPhone.get(key) ?? []), p.childId]);
    }
  }
  for (const group of byPhone.values()) {
    for (const [i, x] of group.entries()) for (const y of group.slice(i + 1)) add('shared-associate', x, y, [], 'an associate with the same phone number');
  }
  return [...found.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.children.join().localeCompare(b.children.join()));
}
