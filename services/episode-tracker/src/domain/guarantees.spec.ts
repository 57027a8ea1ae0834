/**
 * The escalation guarantees (docs/guarantees.md), each proven over random sequences of events by fast-check
 * model-based commands against the pure engine: report, assessment, re-assessment, profile change, acknowledgement,
 * ignored deadline, nobody on duty, police reference and grade, reclassification, a regulation 40 event, return, task
 * done, clock advance, risk-scoring unavailable. Then who must be told of the absence (the NRM competent authority, Ofsted).
 */
import { describe, expect, it } from '@jest/globals';
import { NotifiableEvent } from '@safeguard/contracts';
import fc from 'fast-check';
import { DEFAULT_POLICY } from './default-policy.js';
import type { Report } from './engine.js';
import { timerKey } from './effects.js';
import { EngineSim, type Step } from './engine.sim.js';
import { firedKey, resolveAudience, treeOf, type Alert, type ChildFlags, type EpisodeRecord, type ResolvedAudience } from './episode.js';
import { ladderFor, occurrencesDue, parseStepKey, rungApplies, stepKey, stricter } from './ladder.js';
import { loadPolicy, TASK_RULE, type Level, type Policy } from './policy.js';

/** 1,000 runs per guarantee; PROPERTY_RUNS raises it for a longer hunt. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 1_000);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const COUNCIL = 'PLACING';
const HOST = 'HOST';
const HOST2 = 'HOST2';

/** The default policy; the chase runs every 24 h instead of 30 min so that weeks of silence stay small to simulate. */
const POLICY: Policy = loadPolicy({ ...DEFAULT_POLICY, chase: { ...DEFAULT_POLICY.chase, everySeconds: 24 * 3_600 } });
/** Simulated time per run is capped so a run stays small; long enough for weekly reviews. */
const MAX_SPAN = 12 * DAY;

const flagsArb = fc.record({
  trafficked: fc.boolean(), uascOrSeparated: fc.boolean(), under13: fc.boolean(), nrmReferred: fc.boolean(), childrensHome: fc.boolean(),
  sexualExploitation: fc.boolean(),
});
const levelArb = fc.constantFrom<Level>('very-low', 'low', 'medium', 'high');

const reportArb = fc.record({
  classification: fc.constantFrom('M' as const, 'A' as const),
  profile: fc.option(fc.record({ flags: flagsArb, host: fc.constantFrom(COUNCIL, HOST, HOST2) }), { nil: null, freq: 4 }),
  priorDays: fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 3 }),
}).map(({ classification, profile, priorDays }): Report => {
  const discoveredAt = new Date('2026-12-06T01:30:00Z');
  return {
    id: 'e0000000-0000-4000-8000-000000000001', reference: 'MFC-2026-000001', childId: 'c0000000-0000-4000-8000-000000000001',
    homeId: 'h0000000-0000-4000-8000-000000000001', placingCouncil: COUNCIL, policeForce: 'FORCE', classification, discoveredAt,
    reportedAt: new Date(discoveredAt.getTime() + 5 * MIN),
    profile: profile && { flags: profile.flags, hostCouncil: profile.host },
    priorDiscoveries: priorDays.map((d) => new Date(discoveredAt.getTime() - d * DAY)),
  };
});

type Sim = EngineSim & { scoring?: boolean; started?: number };
type Cmd = fc.Command<Sim, Sim>;
const cmd = (name: string, check: (s: Sim) => boolean, run: (s: Sim) => void): Cmd => ({
  check: (s) => check(s as Sim), run: (s) => run(s), toString: () => name,
});
const open = (s: Sim) => s.episode.state === 'open';
const within = (s: Sim) => s.now.getTime() - s.started! < MAX_SPAN;
const awaiting = (s: Sim) => s.record.alerts.filter((a) => a.ackDeadline && !a.acknowledgedAt && s.episode.state !== 'closed');

/** Every event the world can send, as commands. */
const commands = [
  fc.tuple(levelArb, fc.boolean(), fc.boolean()).map(([level, trafficked, uasc]) =>
    cmd(`assess ${level}`, (s) => s.scoring !== false, (s) => { s.send({ kind: 'assessed', level, flags: { trafficked, uascOrSeparated: uasc } }); })),
  fc.constant(cmd('risk-scoring unavailable', () => true, (s) => { s.scoring = false; })),
  fc.tuple(flagsArb, fc.constantFrom(COUNCIL, HOST, HOST2)).map(([flags, host]) =>
    cmd(`profile change (lives in ${host})`, () => true, (s) => { s.send({ kind: 'profile-changed', flags, hostCouncil: host }); })),
  fc.nat(20).map((i) => cmd(`acknowledge #${i}`, (s) => awaiting(s).length > 0, (s) => {
    const all = awaiting(s);
    const a = all[i % all.length]!;
    s.send({ kind: 'acknowledged', alertId: a.id, by: 'user:x', caller: a.audience });
  })),
  fc.nat(20).map((i) => cmd(`nobody on duty #${i}`, (s) => awaiting(s).length > 0, (s) => {
    const all = awaiting(s);
    s.send({ kind: 'gap', alertId: all[i % all.length]!.id, gap: i % 2 ? 'nobody-on-duty' : 'unreachable' });
  })),
  fc.constant(cmd('ignore the next deadline', (s) => within(s) && !!s.nextTimer('ack'), (s) => {
    s.advance(s.nextTimer('ack')!.dueAt.getTime() - s.now.getTime() + 1);
  })),
  fc.constant(cmd('let a task lapse', (s) => within(s) && !!s.nextTimer('task'), (s) => {
    s.advance(s.nextTimer('task')!.dueAt.getTime() - s.now.getTime() + 1);
  })),
  fc.constant(cmd('police reference', () => true, (s) => { s.send({ kind: 'updated', policeReference: 'PR/123', at: s.now }); })),
  levelArb.map((g) => cmd(`police grade ${g}`, () => true, (s) => { s.send({ kind: 'updated', policeGrade: g, at: s.now }); })),
  fc.constant(cmd('reclassify A→M', (s) => s.episode.classification === 'A', (s) => { s.send({ kind: 'updated', classification: 'M', at: s.now }); })),
  fc.subarray(NotifiableEvent.options, { minLength: 1 }).map((events) =>
    cmd(`regulation 40 event ${events.join(', ')}`, () => true, (s) => { s.send({ kind: 'updated', notifiableEvents: events, at: s.now }); })),
  fc.boolean().map((checked) => cmd('return', open, (s) => { s.send({ kind: 'returned', returnedAt: s.now, safeAndWellChecked: checked }); })),
  fc.nat(10).map((i) => cmd(`task done #${i}`, (s) => s.record.tasks.some((t) => t.state === 'open'), (s) => {
    const all = s.record.tasks.filter((t) => t.state === 'open');
    s.send({ kind: 'task-completed', taskId: all[i % all.length]!.id, by: 'user:x' });
  })),
  fc.oneof(fc.integer({ min: 1, max: 60 }).map((m) => m * MIN), fc.integer({ min: 1, max: 24 }).map((h) => h * HOUR),
    fc.integer({ min: 1, max: 8 }).map((d) => d * DAY)).map((ms) => cmd(`advance ${ms / MIN} min`, within, (s) => s.advance(ms))),
];

/** Runs random sequences against a fresh simulator per report, calling `observe` after every transition. */
function prove(observe: (step: Step, sim: EngineSim) => void, options: { report?: fc.Arbitrary<Report> } = {}) {
  fc.assert(
    fc.property(options.report ?? reportArb, fc.commands(commands, { maxCommands: 20 }), (report, cmds) => {
      const sim: Sim = new EngineSim(report, POLICY, observe);
      sim.started = sim.now.getTime();
      fc.modelRun(() => ({ model: sim, real: sim }), cmds);
    }),
    { numRuns: RUNS },
  );
}

const alertsOf = (step: Step) => step.decision.effects.flatMap((fx) => (fx.kind === 'alert' ? [fx.alert] : []));
const same = (a: ResolvedAudience, b: ResolvedAudience) => a.role === b.role && a.scopeKind === b.scopeKind && a.scopeId === b.scopeId;

/** Every audience above a role in the episode's chain, resolved. */
function chainAbove(record: EpisodeRecord, role: Alert['audience']['role']): ResolvedAudience[] {
  const e = record.episode;
  const chain = e.policy.ladders[e.ladder].chainOfCommand;
  const out: ResolvedAudience[] = [];
  for (let next = chain[role]; next; next = chain[next.role]) {
    if (next.scope === 'host-council' && !(e.hostCouncil && e.hostCouncil !== e.placingCouncil)) continue;
    const scopeId = next.scope === 'home' ? e.homeId : next.scope === 'police-force' ? e.policeForce : next.scope === 'host-council' ? e.hostCouncil! : e.placingCouncil;
    out.push({ role: next.role, scopeKind: next.scope === 'host-council' ? 'council' : next.scope, scopeId });
  }
  return out;
}

/** Whether silence on an alert still matters: nobody in its tree answered and its reason (child missing, task open) holds. */
function live(record: EpisodeRecord, a: Alert): boolean {
  if (a.acknowledgedAt || a.escalatedAt || !a.ackDeadline) return false;
  if (record.alerts.some((b) => b.rootAlertId === a.rootAlertId && b.acknowledgedAt)) return false;
  if (record.alerts.some((b) => b.originAlertId === a.originAlertId && b.attempt > a.attempt)) return false;
  if (a.purpose === 'chase' && record.alerts.some((b) => b.rootAlertId === a.rootAlertId && b.purpose === 'chase' && b.requestedAt > a.requestedAt)) return false;
  const root = record.alerts.find((b) => b.id === a.rootAlertId)!;
  // The task it was sent for: of the kind it names, breached when the tree began (a later task of that kind has its own).
  if (root.purpose === 'deadline') {
    return record.episode.state !== 'closed'
      && record.tasks.some((t) => t.kind === root.missed && t.state === 'open' && t.breachedAt?.getTime() === root.requestedAt.getTime());
  }
  return record.episode.state === 'open';
}

/** Every step due under the episode's ladder and level now has alerted each audience it can reach. */
function everyDueStepFired(record: EpisodeRecord, now: Date) {
  const e = record.episode;
  for (const rung of e.policy.ladders[e.ladder].rungs) {
    const due = occurrencesDue(rung, e, now);
    if (due === 0 || !rungApplies(rung, e)) continue;
    for (const audience of rung.audiences) {
      const resolved = resolveAudience(e, audience);
      if (resolved) expect(record.fired.has(firedKey(stepKey(rung, due), resolved))).toBe(true);
    }
  }
}

const LEVELS: Level[] = ['very-low', 'low', 'medium', 'high'];
const LADDER_ORDER = ['S-low', 'S-medium', 'S-high', 'T'];
const raisedFlags = (f: ChildFlags) => f.trafficked || f.uascOrSeparated || f.under13;

describe('escalation guarantees, over random sequences of events (fast-check, 1,000 runs each)', () => {
  it('G1: a report alerts the first rung at once whether or not risk-scoring answers; scoring only makes it stricter', () => {
    prove((step) => {
      const e = step.decision.record.episode;
      if (step.event.kind === 'reported') {
        const first = e.policy.ladders[e.ladder].rungs[0]!;
        const sent = alertsOf(step).filter((a) => a.stepKey === first.key);
        expect(sent.length).toBeGreaterThan(0);
        expect(sent.every((a) => a.requestedAt.getTime() === step.now.getTime())).toBe(true);
        expect(e.provisional).toBe(true);
        if (e.flags.trafficked || e.flags.uascOrSeparated || e.flags.under13) expect(e.level).toBe('high');
        if (e.hostCouncil === null && !raisedFlags(e.flags)) expect(e).toMatchObject({ ladder: 'T', level: 'high' }); // profile unknown
        return;
      }
      const was = step.before!.episode;
      expect(LEVELS.indexOf(e.level)).toBeGreaterThanOrEqual(LEVELS.indexOf(was.level));
      expect(LADDER_ORDER.indexOf(e.ladder)).toBeGreaterThanOrEqual(LADDER_ORDER.indexOf(was.ladder));
    });
  });

  it('G2: every deadline that passes unacknowledged re-sends, then alerts someone strictly more senior, never nobody', () => {
    prove((step, sim) => {
      // Liveness: every alert whose silence still matters has its deadline on the clock.
      for (const a of step.decision.record.alerts) {
        if (live(step.decision.record, a)) expect(sim.timers.has(timerKey({ kind: 'ack', alertId: a.id, tree: treeOf(step.decision.record.alerts, a), dueAt: a.ackDeadline! }))).toBe(true);
      }
      const ev = step.event;
      if (ev.kind !== 'ack-due' && ev.kind !== 'gap') return;
      const before = step.before!;
      const a = before.alerts.find((x) => x.id === ev.alertId)!;
      if (!live(before, a) || (ev.kind === 'gap' && a.purpose === 'chase')) return;
      const sent = alertsOf(step);
      expect(sent.length).toBeGreaterThan(0);
      if (ev.kind === 'ack-due' && a.attempt === 1 && a.purpose !== 'chase') {
        expect(sent).toEqual([expect.objectContaining({ originAlertId: a.originAlertId, attempt: 2, audience: a.audience })]);
        return;
      }
      const above = chainAbove(before, a.audience.role);
      const fresh = above.filter((x) => !before.alerts.some((b) => b.acknowledgedAt && same(b.audience, x)));
      if (fresh.length > 0) {
        expect(sent).toEqual([expect.objectContaining({ purpose: 'escalation', audience: fresh[0], rootAlertId: a.rootAlertId })]);
      } else {
        // Past the top: the top of the chain and the out-of-hours team, re-alerted at the chase interval.
        const top = above[above.length - 1] ?? a.audience;
        expect(sent.every((x) => x.purpose === 'chase')).toBe(true);
        expect(sent.some((x) => same(x.audience, top))).toBe(true);
        expect(sent.some((x) => x.audience.role === POLICY.chase.alsoAlert.role)).toBe(true);
      }
    });
  });

  it('G3: while the child is missing, a future step is always booked (weekly reviews until return)', () => {
    prove((step, sim) => {
      if (sim.episode.state !== 'open') return;
      const future = [...sim.timers.values()].filter((t) => t.kind === 'step' && t.dueAt.getTime() > step.now.getTime());
      expect(future.length).toBeGreaterThan(0);
    });
  });

  it('G4: a rise in risk fires at once every step due under the new level and ladder, for each audience not yet alerted', () => {
    prove((step) => {
      const rise = step.event.kind === 'assessed' || step.event.kind === 'profile-changed' || step.event.kind === 'updated';
      if (!rise || step.decision.record.episode.state !== 'open') return;
      everyDueStepFired(step.decision.record, step.now);
      const was = step.before!.episode;
      const e = step.decision.record.episode;
      if (e.ladder === was.ladder && e.level === was.level) return;
      // What newly fired was sent in this same transition, not left for a later one.
      const newlyFired = [...step.decision.record.fired].filter((k) => !step.before!.fired.has(k)).length;
      expect(alertsOf(step).filter((a) => a.purpose === 'step')).toHaveLength(newlyFired);
    });
  });

  it('G5: a missed deadline always alerts the roles the policy names, saying what was missed; no strategy meeting by 24 h tells the Director', () => {
    prove((step) => {
      const ev = step.event;
      if (ev.kind === 'task-due') {
        const task = step.before!.tasks.find((t) => t.id === ev.taskId)!;
        if (task.state !== 'open' || task.breachedAt || step.before!.episode.state === 'closed') return;
        const sent = alertsOf(step);
        const rule = POLICY.tasks[TASK_RULE[task.kind]];
        expect(sent.map((a) => a.audience.role).sort()).toEqual(rule.ifMissed.map((x) => x.role).sort());
        expect(sent.every((a) => a.ask === 'deadline-missed' && a.missed === task.kind && a.ackDeadline)).toBe(true);
      }
      // The Director's 24 h step says a strategy meeting was missed (an away episode is also asked for its A→M review).
      for (const a of alertsOf(step).filter((x) => x.stepKey === 'director-24h' && x.purpose === 'step' && x.attempt === 1)) {
        const held = step.before!.tasks.some((t) => t.kind === 'strategy-meeting' && t.state === 'done');
        if (!held) expect(a).toMatchObject({ ask: step.decision.record.episode.classification === 'A' ? 'a-to-m-review' : 'deadline-missed', missed: 'strategy-meeting' });
      }
    });
  });

  it('G6: after a return no ladder alert is sent; everyone alerted hears the child is found; the return tasks open', () => {
    prove((step) => {
      if (step.event.kind === 'reported') return;
      const wasOpen = step.before!.episode.state === 'open';
      if (!wasOpen) {
        expect(alertsOf(step).filter((a) => !isDeadlineTree(step, a))).toEqual([]);
        return;
      }
      if (step.event.kind !== 'returned') return;
      const e = step.decision.record.episode;
      const sent = alertsOf(step);
      expect(sent.filter((a) => a.toEveryoneAlerted && a.ask === 'child-found')).toHaveLength(1);
      expect(sent.every((a) => a.purpose === 'found')).toBe(true);
      const partners = sent.filter((a) => !a.toEveryoneAlerted).map((a) => a.audience.role).sort();
      expect(partners).toEqual(e.flags.trafficked ? ['ictg-service', 'nrm-first-responder'] : []);
      const opened = step.decision.effects.flatMap((fx) => (fx.kind === 'task' ? [fx.task.kind] : [])).sort();
      const expected = ['return-home-interview', 'update-information-pack', 'update-risk-assessment',
        ...(step.event.safeAndWellChecked ? [] : ['safe-and-well-check']), ...(e.flags.trafficked ? ['inform-ictg-and-nrm'] : [])].sort();
      expect(opened).toEqual(expected);
      expect(step.decision.effects).toContainEqual({ kind: 'cancel', timers: 'steps-and-acks' });
    });
  });

  it('G7: an A episode is prompted for an A→M review at 24 h and 72 h; A→M re-plans it at once as missing', () => {
    prove((step) => {
      const before = step.before?.episode;
      const e = step.decision.record.episode;
      for (const a of alertsOf(step).filter((x) => x.purpose === 'step')) {
        const rung = e.policy.ladders[e.ladder].rungs.find((r) => r.key === parseStepKey(a.stepKey).rungKey);
        if (rung?.promptsAToMReview && e.classification === 'A') expect(a.ask).toBe('a-to-m-review');
      }
      if (step.event.kind === 'updated' && step.event.classification === 'M' && before?.classification === 'A' && before.state === 'open') {
        expect(e.ladder).toBe(stricter(before.ladder, ladderFor(e.level, e.flags, 'M')));
        everyDueStepFired(step.decision.record, step.now);
      }
    });
  });

  it('G8: an NRM referral task opens only for a child with no referral; S-high carries high-risk children neither trafficked nor UASC', () => {
    let unknownAtOpen = false;
    prove((step) => {
      const e = step.decision.record.episode;
      if (step.event.kind === 'reported') unknownAtOpen = e.ladder === 'T' && !raisedFlags(e.flags);
      for (const fx of step.decision.effects) if (fx.kind === 'task' && fx.task.kind === 'nrm-referral') expect(e.flags.nrmReferred).toBe(false);
      if (e.ladder === 'S-high') expect(e.flags.trafficked || e.flags.uascOrSeparated).toBe(false);
      if (!unknownAtOpen && e.level === 'high' && !e.flags.trafficked && !e.flags.uascOrSeparated) expect(e.ladder).toBe('S-high');
    });
  });

  it('G9: a child placed out of area: the host council\'s out-of-hours team gets the first alert; in area, no other council hears', () => {
    prove((step) => {
      if (step.event.kind !== 'reported') return;
      const e = step.decision.record.episode;
      const host = alertsOf(step).filter((a) => a.audience.scopeKind === 'council' && a.audience.scopeId !== COUNCIL);
      if (e.hostCouncil && e.hostCouncil !== COUNCIL) expect(host.map((a) => `${a.audience.role}@${a.audience.scopeId}`)).toEqual([`out-of-hours-team@${e.hostCouncil}`]);
      else expect(host).toEqual([]);
    });
  });
});

/** After a return, alerts may only belong to a missed-deadline tree (its re-send, escalation or chase), never a ladder one. */
function isDeadlineTree(step: Step, a: Alert): boolean {
  const root = [...step.before!.alerts, ...alertsOf(step)].find((b) => b.id === a.rootAlertId);
  return root?.purpose === 'deadline';
}

describe('who must be told of the absence, over random sequences of events (fast-check, 1,000 runs each)', () => {
  it('the NRM competent authority: a referred child\'s open missing (M) episode has exactly one task to tell it; a never-referred child\'s or an away (A) one none', () => {
    prove((step) => {
      const { episode: e, tasks } = step.decision.record;
      const told = tasks.filter((t) => t.kind === 'tell-competent-authority');
      expect(told.length).toBeLessThanOrEqual(1);
      if (!e.flags.nrmReferred) expect(told).toEqual([]); // flags only turn on: never referred
      if (e.state === 'open' && e.classification === 'M' && e.flags.nrmReferred) expect(told).toHaveLength(1);
      if (e.classification === 'A') expect(told).toEqual([]); // A only ever becomes M: away throughout, never missing
      // Only while the child is missing.
      if (step.decision.effects.some((fx) => fx.kind === 'task' && fx.task.kind === 'tell-competent-authority')) {
        expect([e.state, e.classification]).toEqual(['open', 'M']);
      }
    });
  });

  it('Ofsted: notify-ofsted tasks exist iff the child is in a children\'s home and a regulation 40 event occurred, one per kind of event', () => {
    prove((step, sim) => {
      // What the world said, from the events themselves: the profile at the report and since, and the updates.
      const profiles = [sim.history[0]!.decision.record.episode.flags, ...sim.history.flatMap((h) => (h.event.kind === 'profile-changed' ? [h.event.flags] : []))];
      const inHome = profiles.some((f) => f.childrensHome);
      const events = new Set(sim.history.flatMap((h) => (h.event.kind === 'updated' ? h.event.notifiableEvents ?? [] : [])));
      if (profiles.some((f) => f.sexualExploitation)) events.add('sexual-exploitation-suspected');
      const { episode: e, tasks } = step.decision.record;
      const notified = tasks.filter((t) => t.kind === 'notify-ofsted').map((t) => t.notifiableEvent);
      expect(new Set(notified).size).toBe(notified.length);
      expect(tasks.filter((t) => t.kind !== 'notify-ofsted').every((t) => t.notifiableEvent === null)).toBe(true);
      const expected = inHome ? [...events].sort() : [];
      // A closed episode asks nothing more: what it asked before it closed is all there is.
      if (e.state === 'closed') expect(expected).toEqual(expect.arrayContaining(notified));
      else expect([...notified].sort()).toEqual(expected);
    });
  });
});
