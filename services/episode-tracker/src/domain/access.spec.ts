import { describe, expect, it } from '@jest/globals';
import { TaskKind, type Role, type Scope } from '@safeguard/contracts';
import { outcome } from '@safeguard/platform/policy';
import { access, atOrAbove, COUNCIL_SENIORITY, POLICE_SEE_RETURNED_EPISODE_HOURS, TASK_COMPLETERS } from './access.js';

const who = (role: Role, kind: Scope['kind'], id: string) => ({ role, scope: { kind, id } });
const NOW = new Date('2026-11-20T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const episode = { homeId: 'home-1', placingCouncil: 'PLACING', hostCouncil: 'HOST', policeForce: 'F1', returnedAt: null };
const police = who('police-liaison-officer', 'police-force', 'F1');

describe('episode-tracker access rules', () => {
  it('shows an episode to its home, its placing and host councils and its police force; hides it from everyone else', () => {
    const sees = (w: ReturnType<typeof who>) => access.may('viewEpisode', w, { episode, now: NOW });
    expect([who('care-staff', 'home', 'home-1'), who('social-worker', 'council', 'PLACING'), who('out-of-hours-team', 'council', 'HOST'), police].map(sees))
      .toEqual([true, true, true, true]);
    expect([who('care-staff', 'home', 'home-2'), who('social-worker', 'council', 'OTHER'), who('police-liaison-officer', 'police-force', 'F2')].map(sees))
      .toEqual([false, false, false]);
    expect(outcome(access.verdict('viewEpisode', police, { episode: undefined, now: NOW }))).toBe('404');
  });

  it(`shows the police an episode for ${POLICE_SEE_RETURNED_EPISODE_HOURS} hours after the return, and no longer; council staff keep it`, () => {
    const returned = (h: number) => ({ episode: { ...episode, returnedAt: hoursAgo(h) }, now: NOW });
    expect(access.may('viewEpisode', police, returned(POLICE_SEE_RETURNED_EPISODE_HOURS - 0.01))).toBe(true);
    expect(access.may('viewEpisode', police, returned(POLICE_SEE_RETURNED_EPISODE_HOURS))).toBe(false);
    expect(access.may('viewEpisode', who('duty-superintendent', 'police-force', 'F1'), returned(500))).toBe(false);
    expect(access.may('viewEpisode', who('team-manager', 'council', 'PLACING'), returned(5_000))).toBe(true);
    // An instant served as a string counts the same as a Date.
    expect(access.may('viewEpisode', police, { episode: { ...episode, returnedAt: hoursAgo(73).toISOString() }, now: NOW })).toBe(false);
  });

  it('defines "team manager or above" by an ordered list, not by the names of the roles', () => {
    expect(COUNCIL_SENIORITY[0]).toBe('team-manager');
    expect(atOrAbove('team-manager')).toEqual(COUNCIL_SENIORITY);
    expect(atOrAbove('assistant-director')).toEqual(['assistant-director', 'senior-management', 'director']);
    expect(TASK_COMPLETERS['strategy-meeting']).not.toContain('on-call-manager');
    expect(TASK_COMPLETERS['strategy-meeting']).toEqual(expect.arrayContaining([...COUNCIL_SENIORITY]));
  });

  it('names who records each kind of task, and every kind has someone', () => {
    for (const kind of TaskKind.options) expect({ kind, completers: TASK_COMPLETERS[kind].length > 0 }).toEqual({ kind, completers: true });
  });

  it('lets care staff record a safe-and-well check but never a strategy meeting; return interviews by the social worker or a return interview worker', () => {
    const task = (kind: TaskKind) => ({ episode, kind, now: NOW });
    const care = who('care-staff', 'home', 'home-1');
    expect(outcome(access.verdict('completeTask', care, task('safe-and-well-check')))).toBe('allowed');
    expect(outcome(access.verdict('completeTask', care, task('strategy-meeting')))).toBe('403');
    expect(outcome(access.verdict('completeTask', care, task('return-home-interview')))).toBe('403');
    expect(outcome(access.verdict('completeTask', who('team-manager', 'council', 'PLACING'), task('strategy-meeting')))).toBe('allowed');
    expect(outcome(access.verdict('completeTask', who('director', 'council', 'HOST'), task('strategy-meeting')))).toBe('allowed');
    expect(outcome(access.verdict('completeTask', who('on-call-manager', 'council', 'PLACING'), task('strategy-meeting')))).toBe('403');
    expect(outcome(access.verdict('completeTask', who('return-interview-worker', 'council', 'PLACING'), task('return-home-interview')))).toBe('allowed');
    expect(outcome(access.verdict('completeTask', who('social-worker', 'council', 'PLACING'), task('return-home-interview')))).toBe('allowed');
    expect(outcome(access.verdict('completeTask', who('team-manager', 'council', 'PLACING'), task('return-home-interview')))).toBe('403');
    expect(outcome(access.verdict('completeTask', police, task('safe-and-well-check')))).toBe('403');
    // Out of scope, or no such task: hidden, whatever the role.
    expect(outcome(access.verdict('completeTask', who('team-manager', 'council', 'OTHER'), task('strategy-meeting')))).toBe('404');
    expect(outcome(access.verdict('completeTask', who('team-manager', 'council', 'PLACING'), { episode: undefined, kind: undefined, now: NOW }))).toBe('404');
  });

  it("keeps the Ofsted notification to the home's duty manager or the on-call manager, and telling the competent authority to the referrer's side", () => {
    const task = (kind: TaskKind) => ({ episode, kind, now: NOW });
    const verdict = (w: ReturnType<typeof who>, kind: TaskKind) => outcome(access.verdict('completeTask', w, task(kind)));
    expect(verdict(who('home-duty-manager', 'home', 'home-1'), 'notify-ofsted')).toBe('allowed');
    expect(verdict(who('on-call-manager', 'council', 'PLACING'), 'notify-ofsted')).toBe('allowed');
    expect(verdict(who('care-staff', 'home', 'home-1'), 'notify-ofsted')).toBe('403');
    expect(verdict(who('social-worker', 'council', 'PLACING'), 'notify-ofsted')).toBe('403');
    expect(verdict(who('home-duty-manager', 'home', 'home-2'), 'notify-ofsted')).toBe('404');
    expect(TASK_COMPLETERS['tell-competent-authority']).toEqual(TASK_COMPLETERS['nrm-referral']);
    expect(verdict(who('nrm-first-responder', 'council', 'PLACING'), 'tell-competent-authority')).toBe('allowed');
    expect(verdict(who('home-duty-manager', 'home', 'home-1'), 'tell-competent-authority')).toBe('403');
  });

  it("never gives the police a return interview's account; gives them other outcomes, and gives social care all", () => {
    const about = (kind: TaskKind) => ({ episode, kind, now: NOW });
    expect(access.may('readOutcome', police, about('return-home-interview'))).toBe(false);
    expect(access.may('readOutcome', who('social-worker', 'council', 'PLACING'), { episode, kind: 'return-home-interview', now: NOW })).toBe(true);
    expect(access.may('readOutcome', police, about('safe-and-well-check'))).toBe(true);
  });

  it('takes a police reference from the police only, naming the field; hides alerts out of scope', () => {
    const at = { episode, now: NOW };
    expect(outcome(access.verdict('givePoliceReference', police, at))).toBe('allowed');
    expect(outcome(access.verdict('givePoliceReference', who('home-duty-manager', 'home', 'home-1'), at))).toBe('403 body.policeReference');
    expect(outcome(access.verdict('givePoliceReference', who('police-liaison-officer', 'police-force', 'F2'), at))).toBe('404');
    expect(outcome(access.verdict('acknowledgeAlert', who('home-duty-manager', 'home', 'home-1'), at))).toBe('allowed');
    expect(outcome(access.verdict('acknowledgeAlert', who('home-duty-manager', 'home', 'home-2'), at))).toBe('404');
  });

  it("shows compliance figures to the council's own managers only, naming query.council", () => {
    expect(access.may('viewInsight', who('service-manager', 'council', 'C1'), 'C1')).toBe(true);
    expect(outcome(access.verdict('viewInsight', who('service-manager', 'council', 'C2'), 'C1'))).toBe('403 query.council');
    expect(outcome(access.verdict('viewInsight', who('on-call-manager', 'council', 'C1'), 'C1'))).toBe('403 query.council');
  });
});
