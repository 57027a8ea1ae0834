import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY } from './default-policy.js';
import type { Report } from './engine.js';
import { EngineSim } from './engine.sim.js';
import { ladderFor } from './ladder.js';
import { loadPolicy, withAddedTaskRules, type Policy } from './policy.js';

const policy = loadPolicy(DEFAULT_POLICY);
const MIN = 60_000;
const none = { trafficked: false, uascOrSeparated: false, under13: false, nrmReferred: false, childrensHome: false, sexualExploitation: false };
const report = (over: Partial<Report> = {}): Report => ({
  id: 'e0000000-0000-4000-8000-000000000001', reference: 'MFC-2026-000001', childId: 'c0000000-0000-4000-8000-000000000001',
  homeId: 'h0000000-0000-4000-8000-000000000001', placingCouncil: 'PLACING', policeForce: 'FORCE', classification: 'M',
  discoveredAt: new Date('2026-12-06T01:30:00Z'), reportedAt: new Date('2026-12-06T01:30:00Z'),
  profile: { flags: { ...none, trafficked: true }, hostCouncil: 'PLACING' }, priorDiscoveries: [], ...over,
});
const roles = (sim: EngineSim, f: (a: EngineSim['record']['alerts'][number]) => boolean = () => true) =>
  sim.record.alerts.filter(f).map((a) => `${a.audience.role}${a.attempt > 1 ? '#2' : ''}:${a.purpose}`);

describe('the escalation engine, by example (default policy)', () => {
  it('chooses ladders as the rules say: T for trafficked or UASC, S-high for other high risk, away (A) on S-low unless high', () => {
    expect(ladderFor('low', { ...none, trafficked: true }, 'M')).toBe('T');
    expect(ladderFor('medium', { ...none, uascOrSeparated: true }, 'M')).toBe('T');
    expect(ladderFor('high', none, 'M')).toBe('S-high');
    expect(ladderFor('low', { ...none, under13: true }, 'M')).toBe('S-high');
    expect(ladderFor('medium', none, 'M')).toBe('S-medium');
    expect(ladderFor('medium', { ...none, uascOrSeparated: true }, 'A')).toBe('S-low');
    expect(ladderFor('high', { ...none, trafficked: true }, 'A')).toBe('T');
  });

  it('refuses a policy whose chain of command loops or whose ladder has no repeating review', () => {
    const looped = structuredClone(DEFAULT_POLICY) as unknown as { ladders: { T: { chainOfCommand: Record<string, unknown>; rungs: { repeatEverySeconds?: number }[] } } };
    looped.ladders.T.chainOfCommand['director'] = { role: 'team-manager', scope: 'council' };
    expect(() => loadPolicy(looped)).toThrow('the chain loops');
    const endless = structuredClone(DEFAULT_POLICY) as unknown as typeof looped;
    for (const r of endless.ladders.T.rungs) delete r.repeatEverySeconds;
    expect(() => loadPolicy(endless)).toThrow('a ladder needs a repeating review');
  });

  it('a trafficked child: duty manager and on-call at once, then the police liaison officer; silence goes up the police chain, then the chase', () => {
    const sim = new EngineSim(report(), policy);
    expect(roles(sim)).toEqual(['home-duty-manager:step', 'on-call-manager:step', 'assistant-director:step']);
    for (const a of sim.record.alerts) sim.send({ kind: 'acknowledged', alertId: a.id, by: 'user:x', caller: a.audience });
    sim.advance(30 * MIN);
    const liaison = (s: EngineSim) => roles(s, (a) => a.audience.scopeKind === 'police-force');
    expect(liaison(sim)).toEqual(['police-liaison-officer:step']);
    sim.advance(15 * MIN + 1); // deadline passes: re-sent once
    expect(liaison(sim)).toEqual(['police-liaison-officer:step', 'police-liaison-officer#2:step']);
    sim.advance(10 * MIN); // still silent: the control-room inspector
    expect(liaison(sim).slice(2)).toEqual(['control-room-inspector:escalation']);
    sim.advance(10 * MIN + 10 * MIN); // re-sent, then the duty superintendent
    expect(liaison(sim).slice(3)).toEqual(['control-room-inspector#2:escalation', 'duty-superintendent:escalation']);
    sim.advance(20 * MIN); // past the top: the superintendent and the out-of-hours team, every 30 minutes
    const tree = sim.record.alerts.find((a) => a.audience.role === 'police-liaison-officer')!.rootAlertId;
    const chases = () => sim.record.alerts.filter((a) => a.purpose === 'chase' && a.rootAlertId === tree);
    expect(chases().map((a) => a.audience.role)).toEqual(['duty-superintendent', 'out-of-hours-team']);
    sim.advance(30 * MIN + 1);
    expect(chases()).toHaveLength(4);
    // The next round re-alerts the same two, whichever of their deadlines fell due first.
    expect(chases().slice(2).map((a) => a.audience.role).sort()).toEqual(['duty-superintendent', 'out-of-hours-team']);
    // An acknowledgement anywhere in the tree ends its chase.
    sim.send({ kind: 'acknowledged', alertId: chases().at(-1)!.id, by: 'user:y' });
    sim.advance(3 * 60 * MIN);
    expect(chases()).toHaveLength(4);
  });

  it('a trafficked child already referred to the NRM gets no referral task; one not yet referred does', () => {
    const referred = new EngineSim(report({ profile: { flags: { ...none, trafficked: true, nrmReferred: true }, hostCouncil: 'PLACING' } }), policy);
    referred.advance(61 * MIN);
    expect(referred.record.tasks.map((t) => t.kind)).toEqual(['tell-competent-authority', 'strategy-meeting']);
    const not = new EngineSim(report(), policy);
    not.advance(61 * MIN);
    expect(not.record.tasks.map((t) => t.kind).sort()).toEqual(['nrm-referral', 'strategy-meeting']);
  });

  it('closes an open NRM referral task when the profile later records a referral', () => {
    const sim = new EngineSim(report(), policy);
    sim.advance(61 * MIN);
    expect(sim.record.tasks.find((t) => t.kind === 'nrm-referral')?.state).toBe('open');
    sim.send({ kind: 'profile-changed', flags: { ...none, trafficked: true, nrmReferred: true }, hostCouncil: 'PLACING' });
    expect(sim.record.tasks.find((t) => t.kind === 'nrm-referral')?.state).toBe('done');
  });

  it('after an outage, a late weekly review catches up to its latest occurrence instead of firing each one missed', () => {
    const sim = new EngineSim(report(), policy);
    for (const a of sim.record.alerts) sim.send({ kind: 'acknowledged', alertId: a.id, by: 'user:x', caller: a.audience });
    sim.now = new Date(sim.episode.discoveredAt.getTime() + 31 * 24 * 60 * MIN); // day 31: reviews due on days 10, 17, 24 and 31
    const d = sim.send({ kind: 'step-due', stepKey: 'weekly-review@1' });
    const reviews = d.effects.flatMap((fx) => (fx.kind === 'alert' ? [fx.alert.stepKey] : []));
    expect(new Set(reviews)).toEqual(new Set(['weekly-review@4']));
    expect(d.effects).toContainEqual({ kind: 'book', timer: expect.objectContaining({ kind: 'step', stepKey: 'weekly-review@5' }) });
  });

  it('an unknown profile opens on ladder T; a profile change to trafficked on S-low moves to T and fires what is due at once', () => {
    expect(new EngineSim(report({ profile: null }), policy).episode.ladder).toBe('T');
    const sim = new EngineSim(report({ profile: { flags: none, hostCouncil: 'PLACING' } }), policy);
    expect(sim.episode.ladder).toBe('S-low');
    sim.advance(20 * MIN);
    sim.send({ kind: 'profile-changed', flags: { ...none, trafficked: true }, hostCouncil: 'PLACING' });
    expect(sim.episode).toMatchObject({ ladder: 'T', level: 'high' });
    expect(roles(sim, (a) => a.purpose === 'step').sort()).toEqual([
      'assistant-director:step', 'duty-managers-manager:step', 'home-duty-manager:step', 'on-call-manager:step', 'out-of-hours-team:step',
      'social-worker:step', 'social-worker:step'].sort());
  });

  it('reports a closed episode\'s acknowledgement and another audience\'s as refusals, writing nothing', () => {
    const sim = new EngineSim(report(), policy);
    const a = sim.record.alerts[0]!;
    expect(() => sim.send({ kind: 'acknowledged', alertId: a.id, by: 'user:x', caller: { ...a.audience, role: 'director' } })).toThrow('This alert is for');
    expect(() => sim.send({ kind: 'acknowledged', alertId: 'nope', by: 'user:x' })).toThrow('No alert with this id');
  });
});

describe('telling the NRM competent authority and Ofsted (by example, default policy)', () => {
  const DAY = 24 * 60 * MIN;
  const kinds = (sim: EngineSim) => sim.record.tasks.map((t) => t.kind);
  const ofsted = (sim: EngineSim) => sim.record.tasks.filter((t) => t.kind === 'notify-ofsted').map((t) => t.notifiableEvent);
  const profile = (flags: Partial<typeof none>) => ({ flags: { ...none, ...flags }, hostCouncil: 'PLACING' });
  const updated = (sim: EngineSim, notifiableEvents: ('sexual-exploitation-suspected' | 'serious-police-incident')[]) =>
    sim.send({ kind: 'updated', notifiableEvents, at: sim.now });
  const why = (sim: EngineSim) => sim.history.flatMap((h) => h.decision.effects.flatMap((fx) => (fx.kind === 'timeline' ? [fx.why] : [])));

  it('a referred child who goes missing: one task to tell the competent authority, due in 24 h, recorded on the timeline in words', () => {
    const sim = new EngineSim(report({ profile: profile({ trafficked: true, nrmReferred: true }) }), policy);
    const task = sim.record.tasks.find((t) => t.kind === 'tell-competent-authority')!;
    expect(task.dueAt.getTime() - sim.now.getTime()).toBe(DAY);
    expect(why(sim)).toContainEqual(expect.stringContaining('the competent authority is told they are missing'));
    sim.send({ kind: 'profile-changed', flags: { ...none, trafficked: true, nrmReferred: true }, hostCouncil: 'PLACING' });
    expect(kinds(sim).filter((k) => k === 'tell-competent-authority')).toHaveLength(1);
  });

  it('opens it when the profile records a referral during the episode, not after the return; never for a child not referred', () => {
    const during = new EngineSim(report(), policy);
    during.advance(61 * MIN);
    expect(kinds(during)).not.toContain('tell-competent-authority');
    during.send({ kind: 'profile-changed', flags: { ...none, trafficked: true, nrmReferred: true }, hostCouncil: 'PLACING' });
    expect(kinds(during)).toContain('tell-competent-authority');
    const after = new EngineSim(report(), policy);
    after.send({ kind: 'returned', returnedAt: after.now, safeAndWellChecked: true });
    after.send({ kind: 'profile-changed', flags: { ...none, trafficked: true, nrmReferred: true }, hostCouncil: 'PLACING' });
    expect(kinds(after)).not.toContain('tell-competent-authority');
  });

  it('a child in a children\'s home with a sexual exploitation concern: Ofsted is to be notified at once; a report of the same kind opens nothing new', () => {
    const sim = new EngineSim(report({ profile: profile({ childrensHome: true, sexualExploitation: true }) }), policy);
    expect(ofsted(sim)).toEqual(['sexual-exploitation-suspected']);
    expect(why(sim)).toContainEqual(expect.stringMatching(/regulation 40, the children's home notifies Ofsted without delay: sexual-exploitation-suspected$/));
    updated(sim, ['sexual-exploitation-suspected']);
    expect(ofsted(sim)).toEqual(['sexual-exploitation-suspected']);
    updated(sim, ['serious-police-incident', 'serious-police-incident']);
    expect(ofsted(sim)).toEqual(['sexual-exploitation-suspected', 'serious-police-incident']);
    expect(sim.episode.notifiableEvents).toEqual(['sexual-exploitation-suspected', 'serious-police-incident']);
    updated(sim, ['serious-police-incident']);
    expect(ofsted(sim)).toHaveLength(2);
  });

  it('no Ofsted task outside a children\'s home; one when a reported event is followed by the profile placing the child in one', () => {
    const fostered = new EngineSim(report({ profile: profile({ sexualExploitation: true }) }), policy);
    updated(fostered, ['serious-police-incident']);
    expect(ofsted(fostered)).toEqual([]);
    expect(why(fostered)).toContain('reported: serious-police-incident');
    fostered.send({ kind: 'profile-changed', flags: { ...none, childrensHome: true }, hostCouncil: 'PLACING' });
    expect(ofsted(fostered).sort()).toEqual(['serious-police-incident', 'sexual-exploitation-suspected']);
  });

  it('an event reported after the return still asks the home to notify Ofsted, and the episode stays open until it is done', () => {
    const sim = new EngineSim(report({ profile: profile({ childrensHome: true }) }), policy);
    sim.send({ kind: 'returned', returnedAt: sim.now, safeAndWellChecked: true });
    for (const t of sim.record.tasks) sim.send({ kind: 'task-completed', taskId: t.id, by: 'user:x' });
    expect(sim.episode.state).toBe('closed');
    updated(sim, ['serious-police-incident']);
    expect(ofsted(sim)).toEqual([]); // closed: nothing more is asked
    const open = new EngineSim(report({ profile: profile({ childrensHome: true }) }), policy);
    open.send({ kind: 'returned', returnedAt: open.now, safeAndWellChecked: true });
    updated(open, ['serious-police-incident']);
    for (const t of open.record.tasks.filter((x) => x.kind !== 'notify-ofsted')) open.send({ kind: 'task-completed', taskId: t.id, by: 'user:x' });
    expect(open.episode.state).toBe('returned');
  });

  it('a missed Ofsted notification alerts the home\'s duty manager and the on-call manager, saying what was missed', () => {
    const sim = new EngineSim(report({ profile: profile({ childrensHome: true, sexualExploitation: true }) }), policy);
    for (const a of sim.record.alerts) sim.send({ kind: 'acknowledged', alertId: a.id, by: 'user:x', caller: a.audience });
    sim.advance(DAY + 1);
    const missed = sim.record.alerts.filter((a) => a.purpose === 'deadline' && a.missed === 'notify-ofsted');
    expect(missed.map((a) => `${a.audience.role}@${a.audience.scopeKind}`)).toEqual(['home-duty-manager@home', 'on-call-manager@council']);
    expect(missed.every((a) => a.ask === 'deadline-missed')).toBe(true);
  });

  it('a missed task done ends its chase, and a later task of the same kind (another regulation 40 event) does not bring it back', () => {
    const sim = new EngineSim(report({ profile: profile({ childrensHome: true, sexualExploitation: true }) }), policy);
    for (const a of sim.record.alerts) sim.send({ kind: 'acknowledged', alertId: a.id, by: 'user:x', caller: a.audience });
    sim.advance(DAY + 1);
    const [first] = sim.record.tasks.filter((t) => t.kind === 'notify-ofsted');
    const missed = sim.record.alerts.filter((a) => a.purpose === 'deadline' && a.missed === 'notify-ofsted');
    sim.send({ kind: 'task-completed', taskId: first!.id, by: 'user:x' });
    sim.send({ kind: 'updated', notifiableEvents: ['sexual-exploitation-suspected', 'serious-police-incident'], at: sim.now });
    expect(sim.record.tasks.filter((t) => t.kind === 'notify-ofsted' && t.state === 'open')).toHaveLength(1);
    // The first task's missed-deadline alerts fall due unanswered: nobody is re-alerted about a task that was done.
    for (const a of missed) expect(sim.send({ kind: 'ack-due', alertId: a.id }).effects.filter((fx) => fx.kind === 'alert')).toEqual([]);
  });

  it('an episode whose policy snapshot predates the two task rules takes the default\'s when read', () => {
    const { tellCompetentAuthority: _t, notifyOfsted: _n, ...before } = policy.tasks;
    const snapshot = withAddedTaskRules({ ...policy, tasks: before } as Policy);
    const sim = new EngineSim(report({ profile: profile({ nrmReferred: true, childrensHome: true, sexualExploitation: true }) }), snapshot);
    expect(sim.record.tasks.filter((t) => t.kind === 'tell-competent-authority' || t.kind === 'notify-ofsted')
      .map((t) => t.dueAt.getTime() - sim.now.getTime())).toEqual([DAY, DAY]);
  });
});
