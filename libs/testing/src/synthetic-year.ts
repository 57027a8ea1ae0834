import { ukClock } from '@safeguard/contracts';

/**
 * A year of synthetic missing episodes for one council, from a seed, with known answers planted in it: each DfE rule
 * on the SSDA903 Missing table that intake's records can break is broken exactly once (the breaches below, most in
 * records imported from an older system, intake's only), an episode spans the year end, return interviews at 71 h and
 * 73 h, and two children found at the same place (the one link). Everything else is spaced so that no other rule or
 * link can trip: children of one home go missing days apart. Planted times fall between 06:00 and 20:59 UTC (one
 * deliberate exception at 23:30), so UK days equal UTC days and the oracle below stays simple.
 *
 * Rules intake's records cannot break, so not planted: 564 and 1004 (a start is always recorded), 570 (the return
 * holds no episode starting after the year), 1005 (dates are written by the system) and INT13 (Header and Missing
 * take the date of birth from one record).
 */
export interface SyntheticEpisode {
  id: string;
  reference: string;
  childId: string;
  homeId: string;
  classification: string;
  ladder: 'T' | 'S-medium';
  lastSeenAt: Date;
  discoveredAt: Date;
  reportedAt: Date;
  returnedAt: Date | null;
  lastSeenWhere: string;
  foundWhere: string | null;
  /** Imported from an older system: in intake's record only, never through the tracker. */
  legacy: boolean;
  policeInformedAfterMinutes: number | null;
  ackAfterMinutes: number;
  firstDeliveryAfterMs: number;
  returnInterview: { doneAfterHours: number; refused: boolean } | null;
  strategyMeetingHeldAfterHours: number | null;
}

export interface SyntheticChild {
  id: string;
  laChildId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  trafficked: boolean;
  homeId: string;
  placementStart: string;
}

export interface SyntheticYear {
  council: string;
  force: string;
  year: string;
  homes: { id: string; name: string }[];
  children: SyntheticChild[];
  /** `ceasedReason`: why the child ceased to be looked after when the placement ended (SSDA903 REC). */
  placements: { childId: string; homeId: string; startedOn: string; endedOn: string | null; ceasedReason: string | null }[];
  packs: { childId: string; associates: { name: string; relationship: string; phone: string }[] }[];
  episodes: SyntheticEpisode[];
  /** The escalation policy copied onto tracker episodes: police within 15 minutes on T, an hour on S-medium. */
  policy: Record<string, unknown>;
  expected: SyntheticAnswers;
}

export interface SyntheticAnswers {
  /** Rows of the 2025-26 Missing table (every episode: two start in March before the year and end in it). */
  rows: number;
  /** Episodes last seen in the year (the patterns), and the children they are of. */
  startedInYear: number;
  childrenInYear: number;
  /** The child with the most episodes last seen in the year (on a tie, the lowest id). */
  mostRepeats: { CHILD: string; total: number };
  /** Each planted rule failure: the episode reference, or the placement for a rule on the Episodes table. */
  breaches: { rule: string; reference: string; CHILD: string }[];
  links: { kind: string; children: [string, string] }[];
  episodesByMonth: number[];
  compliance: {
    episodes: number;
    children: number;
    durationHours: { median: number; p90: number };
    returnInterviewsOffered: { due: number; inTime: number };
    returnInterviewsDone: { due: number; inTime: number };
    strategyMeetingsSameDay: { due: number; inTime: number };
    strategyMeetingsWithinLimit: { due: number; inTime: number };
    alertsAcknowledged: { due: number; inTime: number };
    policeInformed: { due: number; inTime: number };
  };
  references: Record<'overlap' | 'openAtLastYearEnd' | 'endBeforeStart' | 'noType' | 'notMOrA' | 'openFromEndedPlacement' | 'returnedAfterCareCeased'
    | 'beforeCareBegan' | 'beforeBirth' | 'afterLeavingCare' | 'backOn18thBirthday' | 'spansYearEnd' | 'interview71h' | 'interview73h' | 'lateEvening', string>;
  /** Rows of the return, as the DfE expects them. */
  sampleRows: { reference: string; MIS_START: string; MIS_END: string }[];
}

const H = 3_600_000;
const DAY = 24 * H;

/** mulberry32: small, seedable, and the same everywhere. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const uuid = (seed: number, kind: number, n: number) =>
  `${(seed >>> 0).toString(16).padStart(8, '0')}-${kind.toString(16).padStart(4, '0')}-4000-8000-${n.toString(16).padStart(12, '0')}`;

function percentile(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  return s[lo]! + ((s[lo + 1] ?? s[lo]!) - s[lo]!) * (rank - lo);
}

export function syntheticYear(options: { seed?: number; council: string; force: string; year?: string }): SyntheticYear {
  const { seed = 2025, council, force } = options;
  const year = options.year ?? '2025-26';
  const first = Number(year.slice(0, 4));
  const yearStart = Date.UTC(first, 3, 1);
  const rand = random(seed);
  const homes = ['Ash Court', 'Beech House', 'Cedar Lodge', 'Damson Place'].map((name, i) => ({ id: uuid(seed, 1, i + 1), name }));
  // Homes A: children 0-2 (trafficked, ladder T); B: 3-5; C: 6 alone (its open episode runs on); D: 7.
  const homeOf = [0, 0, 0, 1, 1, 1, 2, 3];
  const children: SyntheticChild[] = homeOf.map((h, i) => ({
    id: uuid(seed, 2, i + 1), laChildId: `SY${String(i + 1).padStart(4, '0')}`, givenName: `Synthetic${i + 1}`, familyName: 'Child',
    dateOfBirth: `${first - 15 + (i % 3)}-0${1 + (i % 9)}-1${i}`, trafficked: i < 3, homeId: homes[h]!.id, placementStart: `${first - 1}-01-15`,
  }));
  const placements = children.map((c) => ({ childId: c.id, homeId: c.homeId, startedOn: c.placementStart, endedOn: null as string | null, ceasedReason: null as string | null }));
  // Child 6 moves from Cedar Lodge to Damson Place on 20 February while still missing (rule 575).
  placements[6]!.endedOn = `${first + 1}-02-20`;
  placements.push({ childId: children[6]!.id, homeId: homes[3]!.id, startedOn: `${first + 1}-02-20`, endedOn: null, ceasedReason: null });
  children[6]!.homeId = homes[3]!.id;
  children[6]!.placementStart = `${first + 1}-02-20`;

  const episodes: SyntheticEpisode[] = [];
  const lastSeenPlaces = ['High Street', 'Railway station', 'Park', 'School gates', 'Shopping centre'];
  const add = (child: number, lastSeen: number, hours: number | null, over: Partial<SyntheticEpisode> = {}) => {
    const n = episodes.length + 1;
    const discovered = lastSeen + 30 * 60_000;
    const e: SyntheticEpisode = {
      id: uuid(seed, 3, n), reference: `MFC-${first}-${900_000 + n}`, childId: children[child]!.id,
      homeId: placements[child]!.homeId, classification: n % 4 === 0 ? 'A' : 'M', ladder: child < 3 ? 'T' : 'S-medium',
      lastSeenAt: new Date(lastSeen), discoveredAt: new Date(discovered), reportedAt: new Date(discovered + 2 * 60_000),
      returnedAt: hours === null ? null : new Date(discovered + hours * H), lastSeenWhere: lastSeenPlaces[Math.floor(rand() * lastSeenPlaces.length)]!,
      foundWhere: hours === null ? null : `Found place ${child + 1}.${n}`, legacy: false,
      policeInformedAfterMinutes: 10, ackAfterMinutes: 5, firstDeliveryAfterMs: 200 + Math.floor(rand() * 600),
      returnInterview: hours === null ? null : { doneAfterHours: 24, refused: false },
      strategyMeetingHeldAfterHours: child < 3 ? 10 : null, ...over,
    };
    episodes.push(e);
    return e;
  };
  // Lanes: child i's j-th episode starts on day 5 + 45j + 5i, at 06:00-14:59 UTC, and lasts 2-40 hours.
  const counts = [6, 5, 4, 3, 3, 2, 1, 2];
  const lane: SyntheticEpisode[][] = counts.map((k, i) => Array.from({ length: k }, (_, j) =>
    add(i, yearStart + (5 + 45 * j + 5 * i) * DAY + (6 + Math.floor(rand() * 9)) * H, 2 + Math.floor(rand() * 38))));

  // Records imported from an older system (intake's only): one as it should be, one with a type neither M nor A (1006).
  lane[3]![1]!.legacy = true;
  const notMOrA = lane[7]![1]!;
  Object.assign(notMOrA, { legacy: true, classification: 'X' });
  // 575: child 6 is still missing from the placement that ended on 20 February.
  const openFromEndedPlacement = add(6, Date.UTC(first + 1, 1, 10, 9), null);
  // Not a breach: an episode from 30 March to 2 April is returned with no end date this year.
  const spansYearEnd = add(1, Date.UTC(first + 1, 2, 30, 19), 62);
  // Return interviews at 71 h (in time) and 73 h (late); one refused; a late strategy meeting; a late acknowledgement;
  // police told late once and never once.
  const interview71h = lane[2]![0]!;
  interview71h.returnInterview = { doneAfterHours: 71, refused: false };
  const interview73h = lane[4]![0]!;
  interview73h.returnInterview = { doneAfterHours: 73, refused: false };
  lane[5]![1]!.returnInterview = { doneAfterHours: 20, refused: true };
  lane[1]![0]!.strategyMeetingHeldAfterHours = 30;
  lane[0]![1]!.ackAfterMinutes = 20;
  lane[3]![0]!.policeInformedAfterMinutes = 90;
  lane[4]![1]!.policeInformedAfterMinutes = null;
  // Last seen at 23:30 UTC in summer, which is 00:30 BST the next day: the return's start date is the UK day.
  const lateEvening = lane[7]![0]!;
  lateEvening.lastSeenAt = new Date(Date.UTC(first, 4, 10, 23, 30));
  lateEvening.discoveredAt = new Date(Date.UTC(first, 4, 11, 0, 0));
  lateEvening.reportedAt = new Date(Date.UTC(first, 4, 11, 0, 2));
  lateEvening.returnedAt = new Date(Date.UTC(first, 4, 11, 9, 0));
  // The one link: children 2 and 5 (different homes) found at the same place, written differently.
  lane[2]![1]!.foundWhere = 'Bus station, Northtown';
  lane[5]![0]!.foundWhere = 'bus station  northtown';

  // Children placed with the council for the planted rules on the return (after the lanes, so those stay as they were).
  const placedChild = (laChildId: string, dateOfBirth: string, homeId: string, startedOn: string, endedOn: string | null, ceasedReason: string | null) => {
    const c: SyntheticChild = {
      id: uuid(seed, 2, children.length + 1), laChildId, givenName: `Synthetic${children.length + 1}`, familyName: 'Child', dateOfBirth,
      trafficked: false, homeId, placementStart: startedOn,
    };
    children.push(c);
    placements.push({ childId: c.id, homeId, startedOn, endedOn, ceasedReason });
    return children.length - 1;
  };
  const at = (month: number, dayOfMonth: number, hour = 10, yearOffset = 0) => Date.UTC(first + yearOffset + (month < 4 ? 1 : 0), month - 1, dayOfMonth, hour);
  const legacy = (child: number, homeId: string, lastSeen: number, returned: number | null, over: Partial<SyntheticEpisode> = {}) =>
    add(child, lastSeen, null, { homeId, legacy: true, returnedAt: returned === null ? null : new Date(returned), strategyMeetingHeldAfterHours: null, ...over });
  const [ash, beech, cedar, damson] = homes.map((h) => h.id) as [string, string, string, string];
  // 574 and 576: two records of child 0 both open on 31 March last year (so last year's return left both open), and
  // both ending in April: the later one overlaps the earlier (574), and this year's first period is not the second
  // one left open (576).
  const openAtLastYearEnd = legacy(0, ash, at(3, 20, 10, -1), at(4, 2));
  const overlap = legacy(0, ash, at(3, 25, 10, -1), at(4, 3));
  // 567 and 571: a record whose end was entered the day before its start, on the year's first day.
  const endBeforeStart = legacy(7, damson, at(4, 1), at(3, 31, 10, -1));
  // 565 and 566: a record imported with no type.
  const noType = legacy(5, beech, at(11, 7), at(11, 7, 15), { classification: ' ' });
  // 577: child 8 ceased to be looked after on 1 December, while missing; back on 3 December.
  const careEnded = placedChild('SY0009', `${first - 16}-03-14`, cedar, `${first - 1}-01-15`, `${first}-12-01`, 'E4A');
  const returnedAfterCareCeased = legacy(careEnded, cedar, at(11, 28), at(12, 3));
  // 578 and 581: child 9, placed on 20 May, has a record from before (18 to 22 May).
  const lateArrival = placedChild('SY0010', `${first - 14}-06-11`, damson, `${first}-05-20`, null, null);
  const beforeCareBegan = legacy(lateArrival, damson, at(5, 18), at(5, 22));
  // 586: child 10's date of birth was keyed as this year (1 August); they moved home on 1 September.
  const misDated = placedChild('SY0011', `${first}-08-01`, beech, `${first}-09-01`, null, null);
  placements.splice(placements.length - 1, 0, { childId: children[misDated]!.id, homeId: cedar, startedOn: `${first - 1}-01-15`, endedOn: `${first}-09-01`, ceasedReason: null });
  const beforeBirth = legacy(misDated, cedar, at(6, 1), at(6, 1, 16));
  // 1012 and INT04: child 11 ceased to be looked after last February, and a record says missing in July.
  const leftCare = placedChild('SY0012', `${first - 15}-09-23`, damson, `${first - 1}-01-15`, `${first}-02-10`, 'E4A');
  const afterLeavingCare = legacy(leftCare, damson, at(7, 1), at(7, 1, 18));
  // 580: child 12 was missing on their 18th birthday, 5 October, the day care ceased, for a reason other than E8.
  const turned18 = placedChild('SY0013', `${first - 18}-10-05`, beech, `${first - 1}-01-15`, `${first}-10-05`, 'E4A');
  const backOn18thBirthday = legacy(turned18, beech, at(10, 1), at(10, 5));

  // Associates are each child's own, so no pack links two children.
  const packs = children.map((c, i) => ({
    childId: c.id, associates: [{ name: `Relative of child ${i + 1}`, relationship: 'aunt', phone: `07700 9001${String(i).padStart(2, '0')}` }],
  }));

  const tracked = episodes.filter((e) => !e.legacy);
  const yearEnd = Date.UTC(first + 1, 3, 1);
  const inYear = tracked.filter((e) => e.discoveredAt.getTime() >= yearStart && e.discoveredAt.getTime() < yearEnd);
  const returned = inYear.filter((e) => e.returnInterview);
  const meetings = inYear.filter((e) => e.strategyMeetingHeldAfterHours !== null);
  const durations = inYear.filter((e) => e.returnedAt).map((e) => (e.returnedAt!.getTime() - e.discoveredAt.getTime()) / H);
  const month = (d: Date) => (d.getUTCFullYear() - first) * 12 + d.getUTCMonth() - 3;
  const count = (xs: SyntheticEpisode[], ok: (e: SyntheticEpisode) => boolean) => ({ due: xs.length, inTime: xs.filter(ok).length });
  const startedInYear = episodes.filter((e) => e.lastSeenAt.getTime() >= yearStart && e.lastSeenAt.getTime() < yearEnd);
  const perChild = children.map((c) => ({ CHILD: c.laChildId, id: c.id, total: startedInYear.filter((e) => e.childId === c.id).length }))
    .sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
  const CHILD = (e: SyntheticEpisode) => children.find((c) => c.id === e.childId)!.laChildId;
  const breach = (rule: string, e: SyntheticEpisode) => ({ rule, reference: e.reference, CHILD: CHILD(e) });
  const expected: SyntheticAnswers = {
    rows: episodes.length,
    startedInYear: startedInYear.length,
    childrenInYear: new Set(startedInYear.map((e) => e.childId)).size,
    mostRepeats: { CHILD: perChild[0]!.CHILD, total: perChild[0]!.total },
    breaches: [
      breach('574', overlap), breach('576', openAtLastYearEnd), breach('567', endBeforeStart), breach('571', endBeforeStart),
      breach('565', noType), breach('566', noType), breach('1006', notMOrA), breach('575', openFromEndedPlacement),
      breach('577', returnedAfterCareCeased), breach('578', beforeCareBegan), breach('581', beforeCareBegan), breach('586', beforeBirth),
      breach('1012', afterLeavingCare), breach('INT04', afterLeavingCare),
      { rule: '580', reference: `Placement from 15/01/${first - 1}`, CHILD: children[turned18]!.laChildId },
    ],
    links: [{ kind: 'found-at-same-place', children: [children[2]!.laChildId, children[5]!.laChildId] }],
    episodesByMonth: Array.from({ length: 12 }, (_, m) => inYear.filter((e) => month(e.discoveredAt) === m).length),
    compliance: {
      episodes: inYear.length,
      children: new Set(inYear.map((e) => e.childId)).size,
      durationHours: { median: Math.round(percentile(durations, 50) * 10) / 10, p90: Math.round(percentile(durations, 90) * 10) / 10 },
      returnInterviewsOffered: count(returned, (e) => e.returnInterview!.doneAfterHours <= 72),
      returnInterviewsDone: count(returned, (e) => e.returnInterview!.doneAfterHours <= 72 && !e.returnInterview!.refused),
      // The meeting task is created an hour after discovery; due the same UK day, and within 24 h at the latest.
      strategyMeetingsSameDay: count(meetings, (e) => ukClock(new Date(e.discoveredAt.getTime() + e.strategyMeetingHeldAfterHours! * H)).day === ukClock(new Date(e.discoveredAt.getTime() + H)).day),
      strategyMeetingsWithinLimit: count(meetings, (e) => e.strategyMeetingHeldAfterHours! <= 25),
      alertsAcknowledged: count(inYear, (e) => e.ackAfterMinutes <= 15),
      policeInformed: count(inYear, (e) => e.policeInformedAfterMinutes !== null && e.policeInformedAfterMinutes <= (e.ladder === 'T' ? 15 : 60)),
    },
    references: {
      overlap: overlap.reference, openAtLastYearEnd: openAtLastYearEnd.reference, endBeforeStart: endBeforeStart.reference, noType: noType.reference,
      notMOrA: notMOrA.reference, openFromEndedPlacement: openFromEndedPlacement.reference, returnedAfterCareCeased: returnedAfterCareCeased.reference,
      beforeCareBegan: beforeCareBegan.reference, beforeBirth: beforeBirth.reference, afterLeavingCare: afterLeavingCare.reference,
      backOn18thBirthday: backOn18thBirthday.reference, spansYearEnd: spansYearEnd.reference,
      interview71h: interview71h.reference, interview73h: interview73h.reference, lateEvening: lateEvening.reference,
    },
    sampleRows: [
      { reference: lateEvening.reference, MIS_START: `11/05/${first}`, MIS_END: `11/05/${first}` },
      { reference: overlap.reference, MIS_START: `25/03/${first}`, MIS_END: `03/04/${first}` },
      { reference: endBeforeStart.reference, MIS_START: `01/04/${first}`, MIS_END: `31/03/${first}` },
      { reference: spansYearEnd.reference, MIS_START: `30/03/${first + 1}`, MIS_END: '' },
      { reference: openFromEndedPlacement.reference, MIS_START: `10/02/${first + 1}`, MIS_END: '' },
    ],
  };
  const police = (after: number) => ({ key: 'police', afterSeconds: after, audiences: [{ role: 'police-liaison-officer', scope: 'police-force' }],
    ask: 'acknowledge', ackWithinSeconds: 900 });
  const policy = {
    version: 'synthetic-v1', council,
    ladders: {
      T: { chainOfCommand: {}, rungs: [{ key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: 'home' }], ask: 'call-police-now', ackWithinSeconds: 900 },
        { key: 'escalate-15m', afterSeconds: 900, audiences: [{ role: 'duty-managers-manager', scope: 'council' }], ask: 'acknowledge',
          ackWithinSeconds: 900, onlyIf: 'no-police-reference' }, police(1800)] },
      'S-medium': { chainOfCommand: {}, rungs: [{ key: 'duty-manager', afterSeconds: 0, audiences: [{ role: 'home-duty-manager', scope: 'home' }],
        ask: 'call-police-now', ackWithinSeconds: 900 }, police(3600)] },
    },
  };
  return { council, force, year, homes, children, placements, packs, episodes, policy, expected };
}
