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
    const opens = (w: typeof manager) => (['children', 'episodes', 'escalations', 'insight'] as const).filter((a) => access.may('open', w, a));
    expect(opens(careWorker)).toEqual(['children', 'episodes']);
    expect(opens(who('home-duty-manager', 'home', 'h'))).toEqual(['children', 'episodes']);
    expect(opens(onCall)).toEqual(['episodes']);
    expect(opens(manager)).toEqual(['episodes', 'insight']);
    expect(opens(police)).toEqual(['episodes', 'escalations']);
  });

  it("shows figures and patterns only to a council's managers in a council scope", () => {
    expect(access.may('open', who('director'), 'insight')).toBe(true);
    expect(access.may('open', who('team-manager', 'home', 'h'), 'insight')).toBe(false);
    expect(() => access.assert('open', onCall, 'insight')).toThrow(
      expect.objectContaining({ verdict: { allowed: false, hidden: false, title: 'This page is not for your role', detail: 'Use the links above.' } }),
    );
  });

  it('builds the menu from the same rules, and sends people to their own start page', () => {
    const texts = (w: typeof manager) => menu(w).map((m) => m.text);
    expect(texts(careWorker)).toEqual(['Children', 'Open episodes']);
    expect(texts(manager)).toEqual(['Open episodes', 'Figures and patterns']);
    expect(texts(police)).toEqual(['Escalations']);
    expect([startPage(police), startPage(onCall)]).toEqual(['/police', '/dashboard']);
  });

  it('lets everyone but the police record task outcomes from an episode', () => {
    expect(access.may('recordOutcomes', onCall, { id: 'e' })).toBe(true);
    expect(access.may('recordOutcomes', police, { id: 'e' })).toBe(false);
  });
});
