import { describe, expect, it } from '@jest/globals';
import type { Role, Scope } from '@safeguard/contracts';
import { access, menu, startPage } from './access.js';

const who = (role: Role, kind: Scope['kind'] = 'council', id = 'DEMO-COUNCIL') => ({ role, scope: { kind, id } });
const careWorker = who('care-staff', 'home', '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001');
const onCall = who('on-call-manager');
const manager = who('team-manager');
const police = who('police-liaison-officer', 'police-force', 'DEMO-FORCE');

describe("the console's access rules", () => {
  it('opens each part of the console to the people it is for', () => {
    const opens = (w: typeof manager) => (['children', 'episodes', 'escalations', 'insight', 'briefing', 'nrm'] as const).filter((a) => access.may('open', w, a));
    expect(opens(careWorker)).toEqual(['children', 'episodes']);
    expect(opens(who('home-duty-manager', 'home', 'h'))).toEqual(['children', 'episodes']);
    expect(opens(onCall)).toEqual(['episodes']);
    expect(opens(manager)).toEqual(['episodes', 'insight', 'nrm']);
    expect(opens(police)).toEqual(['episodes', 'escalations', 'briefing']);
  });

  it("shows figures and patterns only to a council's managers in a council scope", () => {
    expect(access.may('open', who('director'), 'insight')).toBe(true);
    expect(access.may('open', who('team-manager', 'home', 'h'), 'insight')).toBe(false);
    expect(() => access.assert('open', onCall, 'insight')).toThrow(
      expect.objectContaining({ verdict: { allowed: false, hidden: false, title: 'This page is not for your role', detail: 'Use the links above.' } }),
    );
  });

  it('hides the police briefing from every other role (404, as intake does), and refuses the other areas (403)', () => {
    expect(access.verdict('open', manager, 'briefing')).toEqual({ allowed: false, hidden: true, title: 'Page not found', detail: 'It may not be in your area.' });
    expect(access.verdict('open', careWorker, 'nrm')).toMatchObject({ allowed: false, hidden: false });
  });

  it("shows the NRM watch to the council's social workers, NRM first responders and managers only", () => {
    const reads = (['social-worker', 'nrm-first-responder', 'team-manager', 'director', 'on-call-manager', 'iro', 'ictg-service'] as const)
      .filter((r) => access.may('open', who(r), 'nrm'));
    expect(reads).toEqual(['social-worker', 'nrm-first-responder', 'team-manager', 'director']);
    expect(access.may('open', who('social-worker', 'home', 'h'), 'nrm')).toBe(false);
  });

  it('builds the menu from the same rules, and sends people to their own start page', () => {
    const texts = (w: typeof manager) => menu(w).map((m) => m.text);
    expect(texts(careWorker)).toEqual(['Children', 'Open episodes']);
    expect(texts(manager)).toEqual(['Open episodes', 'Figures and patterns', 'NRM decisions']);
    expect(texts(who('social-worker'))).toEqual(['Open episodes', 'NRM decisions']);
    expect(texts(police)).toEqual(['Escalations']);
    expect([startPage(police), startPage(onCall)]).toEqual(['/police', '/dashboard']);
  });

  it('lets everyone but the police record task outcomes from an episode', () => {
    expect(access.may('recordOutcomes', onCall, { id: 'e' })).toBe(true);
    expect(access.may('recordOutcomes', police, { id: 'e' })).toBe(false);
  });
});
