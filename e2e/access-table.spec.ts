import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { HOME_ROLES, POLICE_ROLES, Role, type Scope, type TaskKind } from '@safeguard/contracts';
import type { Verdict } from '@safeguard/platform/policy';
import { access as tracker, POLICE_SEE_RETURNED_EPISODE_HOURS } from '../services/episode-tracker/src/domain/access.js';
import { access as intake } from '../services/intake/src/domain/access.js';
import { access as notifier } from '../services/notifier/src/domain/access.js';

/*
 * docs/access.md's role × action table, cell by cell, against the services' own access rules (their pure
 * src/domain/access.ts), so the page cannot say one thing while the code does another. For each row (its `rule`
 * names a case below) and each role (a column), a caller of that role is asked for in scope and out of scope; the
 * answer must be the cell's. Here rather than in a service: only this folder may read several services' code (it
 * declares no service as a dependency; the services never see it).
 */

type Answer = 'allow' | 'refuse' | 'hide';
type Who = { role: Role; scope: Scope };
/** One row's question: the caller's verdict from the service's policy, as allow, refuse (403) or hide (404). */
type Case = (who: Who) => Answer;

/** The scope each role is held in, and the ids of a place in and out of it. */
const kindOf = (role: Role): Scope['kind'] => (HOME_ROLES.includes(role) ? 'home' : POLICE_ROLES.includes(role) ? 'police-force' : 'council');
const IN: Record<Scope['kind'], string> = { home: 'home-1', council: 'COUNCIL-A', 'police-force': 'FORCE-1' };
const OUT: Record<Scope['kind'], string> = { home: 'home-2', council: 'COUNCIL-B', 'police-force': 'FORCE-2' };

/** What the rows ask about: a child at home-1, placed by and living in COUNCIL-A, in FORCE-1's area. */
const child = { homeId: IN.home, placingCouncil: IN.council, hostCouncil: IN.council };
const inForce = { ...child, policeForce: IN['police-force'] };
const NOW = new Date('2026-11-20T12:00:00Z');
const returned = (hours: number) => ({ episode: { ...inForce, returnedAt: new Date(NOW.getTime() - hours * 3_600_000) }, now: NOW });
const open = { episode: { ...inForce, returnedAt: null }, now: NOW };

/** A policy's verdict as the table's answer. */
const ask = (v: Verdict): Answer => (v.allowed ? 'allow' : v.hidden ? 'hide' : 'refuse');

/** A police officer listed in COUNCIL-A's directory. */
const officer = { council: IN.council, role: 'police-liaison-officer', scopeKind: 'police-force', scopeId: IN['police-force'] };

const task = (kind: TaskKind): Case => (who) => ask(tracker.verdict('completeTask', who, { ...open, kind }));

/** Every row's question, by the name in the table's `rule` column: service, then the policy's action (and a case). */
const CASES: Record<string, Case> = {
  'intake child.register': (who) => ask(intake.verdict('child.register', who, { ...child, homeCouncil: IN.council })),
  'intake child.register placed-elsewhere': (who) =>
    ask(intake.verdict('child.register', who, { ...child, placingCouncil: 'COUNCIL-C', homeCouncil: IN.council })),
  'intake child.act': (who) => ask(intake.verdict('child.act', who, child)),
  'intake child.report': (who) => ask(intake.verdict('child.report', who, inForce)),
  'intake child.move placing-council': (who) =>
    ask(intake.verdict('child.move', who, { before: { ...child, placingCouncil: 'COUNCIL-C' }, after: child })),
  'intake child.cease-care': (who) => ask(intake.verdict('child.cease-care', who, child)),
  'intake home.list': (who) => ask(intake.verdict('home.list', who, IN.home)),
  'intake episode.update facts': (who) => ask(intake.verdict('episode.update', who, { episode: inForce, fields: ['addCircumstances'] })),
  'intake episode.update policeReference': (who) => ask(intake.verdict('episode.update', who, { episode: inForce, fields: ['policeReference'] })),
  'intake episode.update policeGrade': (who) => ask(intake.verdict('episode.update', who, { episode: inForce, fields: ['policeGrade'] })),
  'intake episode.return': (who) => ask(intake.verdict('episode.return', who, inForce)),
  'intake episode.read': (who) => ask(intake.verdict('episode.read', who, inForce)),
  'intake pack.read': (who) => ask(intake.verdict('pack.read', who, { child, openIn: IN['police-force'] })),
  'intake insight.view': (who) => ask(intake.verdict('insight.view', who, IN.council)),
  'intake briefing.read': (who) => ask(intake.verdict('briefing.read', who, { state: 'open', policeForce: IN['police-force'] })),
  'intake briefing.read returned': (who) => ask(intake.verdict('briefing.read', who, { state: 'returned', policeForce: IN['police-force'] })),
  'intake home.read': (who) =>
    ask(intake.verdict('home.read', who, { id: IN.home, name: 'Home 1', council: IN.council, policeForce: IN['police-force'], phone: null, councilName: null, policeForceName: null })),
  'intake home.update': (who) =>
    ask(intake.verdict('home.update', who, { id: IN.home, name: 'Home 1', council: IN.council, policeForce: IN['police-force'], phone: null, councilName: null, policeForceName: null })),
  'intake nrm.watch': (who) => ask(intake.verdict('nrm.watch', who, IN.council)),
  'episode-tracker viewEpisode': (who) => ask(tracker.verdict('viewEpisode', who, open)),
  'episode-tracker viewEpisode returned-71h': (who) => ask(tracker.verdict('viewEpisode', who, returned(POLICE_SEE_RETURNED_EPISODE_HOURS - 1))),
  'episode-tracker viewEpisode returned-72h': (who) => ask(tracker.verdict('viewEpisode', who, returned(POLICE_SEE_RETURNED_EPISODE_HOURS))),
  'episode-tracker givePoliceReference': (who) => ask(tracker.verdict('givePoliceReference', who, open)),
  'episode-tracker completeTask strategy-meeting': task('strategy-meeting'),
  'episode-tracker completeTask repeat-episode-meeting': task('repeat-episode-meeting'),
  'episode-tracker completeTask return-home-interview': task('return-home-interview'),
  'episode-tracker completeTask safe-and-well-check': task('safe-and-well-check'),
  'episode-tracker completeTask update-information-pack': task('update-information-pack'),
  'episode-tracker completeTask nrm-referral': task('nrm-referral'),
  'episode-tracker completeTask update-risk-assessment': task('update-risk-assessment'),
  'episode-tracker completeTask inform-ictg-and-nrm': task('inform-ictg-and-nrm'),
  'episode-tracker completeTask tell-competent-authority': task('tell-competent-authority'),
  'episode-tracker completeTask notify-ofsted': task('notify-ofsted'),
  'episode-tracker readOutcome return-home-interview': (who) => ask(tracker.verdict('readOutcome', who, { ...returned(1), kind: 'return-home-interview' })),
  'episode-tracker viewInsight': (who) => ask(tracker.verdict('viewInsight', who, IN.council)),
  'notifier readPerson': (who) => ask(notifier.verdict('readPerson', who, { council: IN.council })),
  'notifier readPerson police-officer': (who) => ask(notifier.verdict('readPerson', who, officer)),
  'notifier changePerson': (who) => ask(notifier.verdict('changePerson', who, { council: IN.council })),
  'notifier addPerson': (who) => ask(notifier.verdict('addPerson', who, { scope: { kind: 'council', id: IN.council } })),
  'notifier readShift': (who) => ask(notifier.verdict('readShift', who, { council: IN.council })),
  'notifier addShift': (who) => ask(notifier.verdict('addShift', who, { council: IN.council })),
};

/** A cell as the code answers it: one word when in and out of scope agree, else "in scope / out of scope". */
function cellFromCode(rule: Case, role: Role): string {
  const kind = kindOf(role);
  const inside = rule({ role, scope: { kind, id: IN[kind] } });
  const outside = rule({ role, scope: { kind, id: OUT[kind] } });
  return inside === outside ? inside : `${inside} / ${outside}`;
}

/** The table under "## Role × action": its header (role columns) and rows (action, rule, one cell per role). */
function readTable(markdown: string) {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Role × action'));
  if (!section) throw new Error('docs/access.md has no "## Role × action" section');
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim().replaceAll('`', ''));
  const [header, , ...rows] = lines.map(cells);
  return { roles: header!.slice(2), rows: rows.map(([action, rule, ...byRole]) => ({ action: action!, rule: rule!, byRole })) };
}

const table = readTable(readFileSync(new URL('../docs/access.md', import.meta.url), 'utf8'));

describe('docs/access.md: the role × action table is what the services\' access rules do', () => {
  it('has a column for every role, in the order of the Role list, and a row for every case the code is asked', () => {
    expect(table.roles).toEqual(Role.options);
    expect(table.rows.map((r) => r.rule).sort()).toEqual(Object.keys(CASES).sort());
    for (const row of table.rows) expect({ rule: row.rule, cells: row.byRole.length }).toEqual({ rule: row.rule, cells: Role.options.length });
  });

  it.each(table.rows.map((r) => [r.action, r] as const))('%s', (_, row) => {
    const rule = CASES[row.rule];
    if (!rule) throw new Error(`no case for rule "${row.rule}" (add it to CASES)`);
    const fromCode = Role.options.map((role) => cellFromCode(rule, role));
    // On a difference, the failure prints the row as the code has it.
    expect(`| ${row.action} | \`${row.rule}\` | ${row.byRole.join(' | ')} |`).toBe(`| ${row.action} | \`${row.rule}\` | ${fromCode.join(' | ')} |`);
  });

  it('answers each cell with one of the three words, or "in scope / out of scope"', () => {
    const cell = /^(allow|refuse|hide)( \/ (allow|refuse|hide))?$/;
    for (const row of table.rows) for (const c of row.byRole) expect({ rule: row.rule, c, ok: cell.test(c) }).toEqual({ rule: row.rule, c, ok: true });
  });
});
