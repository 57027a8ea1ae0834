import { describe, expect, it } from '@jest/globals';
import { EpisodeTrackerHttp as Tracker, IntakeHttp as Intake } from '@safeguard/contracts';
import type { SignedIn } from '../domain/signed-in.js';
import { render } from '../render.js';
import { alertRecipient, episodePage } from './episode-view.js';

const EPISODE = '7a1c2d3e-0000-4000-8000-0000000000e1';
const HOME = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const alert = (over: Record<string, unknown>) => ({
  id: '7a1c2d3e-0000-4000-8000-0000000000a1', episodeId: EPISODE, originAlertId: '7a1c2d3e-0000-4000-8000-0000000000a1', role: 'home-duty-manager',
  scopeKind: 'home', scopeId: HOME, ask: 'call-police-now', missed: null, level: 'high', attempt: 1, ackDeadline: '2026-11-25T02:20:00.000Z',
  acknowledgedAt: null, deliveryState: 'delivered', ...over,
});
const episode = Tracker.EpisodeDetail.parse({
  id: EPISODE, reference: 'MFC-2026-000042', childId: '5e0c1a1e-0000-4000-8000-000000000001', homeId: HOME, classification: 'A', state: 'open',
  level: 'high', ladder: 'T', policeReference: null, discoveredAt: '2026-11-25T02:05:00.000Z', missingForMinutes: 95,
  factors: [{ code: 'uasc-or-separated', points: 20 }, { code: 'night-time', points: 5 }],
  overrides: ['trafficking-suspected-or-above'],
  tasks: [{ id: '7a1c2d3e-0000-4000-8000-0000000000b1', kind: 'notify-ofsted', state: 'open', dueAt: '2026-11-26T02:05:00.000Z', hardDueAt: null,
    breachedAt: null, invitees: [], outcome: null, mayComplete: true, notifiableEvent: 'serious-police-incident' }],
  alerts: [
    alert({}),
    alert({ id: '7a1c2d3e-0000-4000-8000-0000000000a2', role: 'team-manager', scopeKind: 'council', scopeId: 'DEMO-COUNCIL', ask: 'a-to-m-review', deliveryState: 'gap' }),
    alert({ id: '7a1c2d3e-0000-4000-8000-0000000000a3', role: 'on-call-manager', scopeKind: 'council', scopeId: 'DEMO-COUNCIL', ask: 'deadline-missed',
      missed: 'strategy-meeting', deliveryState: 'failed', attempt: 2 }),
  ],
  timeline: [
    { at: '2026-11-25T02:05:00.000Z', what: 'alerted', why: 'T:0: home-duty-manager, on-call-manager (call-police-now)' },
    { at: '2026-11-25T02:06:00.000Z', what: 'task-created', why: 'notify-ofsted due 2026-11-26T02:05:00.000Z' },
    { at: '2026-11-25T02:07:00.000Z', what: 'assessed', why: 'scored very-low' },
  ],
});
const home = Intake.Home.parse({
  id: HOME, name: 'Oak House', council: 'DEMO-COUNCIL', policeForce: 'DEMO-FORCE', phone: '01632 960001', councilName: 'Demo Council', policeForceName: 'Demo Constabulary',
});
const user = (role: SignedIn['role'], kind: SignedIn['scope']['kind'] = 'home'): SignedIn =>
  ({ accountId: 'a', username: 'u', displayName: 'Someone', role, scope: { kind, id: kind === 'home' ? HOME : 'DEMO-FORCE' }, sessionId: 's', csrfToken: 'c' });
const html = (who: SignedIn) => render('episode', { ...episodePage(episode, home, who), user: who, nav: [], csrf: 'c' });

describe('the episode page in words', () => {
  it('names who each alert went to: the role where it is held, the home by its name', () => {
    expect(alertRecipient(episode.alerts[0]!, home)).toBe('Home duty manager, Oak House');
    expect(alertRecipient(episode.alerts[1]!, home)).toBe('Team manager, Demo Council');
    expect(alertRecipient({ role: 'police-liaison-officer', scopeKind: 'police-force', scopeId: 'DEMO-FORCE' }, home)).toBe('Police liaison officer, Demo Constabulary');
    // A council other than the home's (the placing council of a child placed out of area): by its code.
    expect(alertRecipient({ role: 'social-worker', scopeKind: 'council', scopeId: 'OTHER-COUNCIL' }, home)).toBe('Social worker, OTHER-COUNCIL');
    expect(alertRecipient(episode.alerts[0]!, undefined)).toBe('Home duty manager, the home');
  });

  it('shows every code in words, and no raw code', () => {
    const page = html(user('home-duty-manager'));
    for (const words of ['Unaccompanied or separated child — 20 points', 'Went missing at night — 5 points', 'Trafficked or suspected to be trafficked',
      'Home duty manager, Oak House', 'Call the police now', 'Review: away (A) or missing (M)?', 'Deadline missed: Strategy meeting',
      'Notify Ofsted (regulation 40)', 'The police were called to an incident the home considers serious', 'Away: whereabouts known, without permission', 'Missing now', 'Nobody reached: escalated', 'Not delivered yet',
      'Delivered', 'Alert sent: T:0: home duty manager, on-call manager (call the police now)', 'Task added: Notify Ofsted (regulation 40) due 26 Nov 2026, 02:05',
      'Risk assessed: Scored very low', 'To do']) {
      expect({ words, shown: page.includes(words.replaceAll("'", '&#39;')) }).toEqual({ words, shown: true });
    }
    for (const code of ['uasc-or-separated', 'night-time', 'home-duty-manager', 'on-call-manager', 'team-manager', 'call-police-now', 'a-to-m-review',
      'deadline-missed', 'strategy-meeting', 'notify-ofsted', 'serious-police-incident', 'trafficking-suspected-or-above', '>gap<', '>failed<', '>delivered<', '>open<', 'very-low',
      'task-created', '>alerted', '>assessed']) {
      expect({ code, shown: page.includes(code) }).toEqual({ code, shown: false });
    }
  });

  it('links to recording new facts and the return for those acting for the child, and to the briefing for the police', () => {
    const staff = html(user('care-staff'));
    expect(staff).toContain(`href="/episodes/${EPISODE}/update"`);
    expect(staff).toContain(`href="/return/${EPISODE}"`);
    expect(staff).not.toContain('/briefing');
    const police = html(user('police-liaison-officer', 'police-force'));
    expect(police).not.toContain(`href="/episodes/${EPISODE}/update"`);
    expect(police).not.toContain(`href="/return/${EPISODE}"`);
    expect(police).toContain(`href="/police/episodes/${EPISODE}/briefing"`);
    const ictg = html(user('ictg-service', 'council'));
    expect(ictg).not.toContain(`/update"`);
  });
});
