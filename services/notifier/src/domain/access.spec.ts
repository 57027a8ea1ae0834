import { describe, expect, it } from '@jest/globals';
import type { Role, Scope } from '@safeguard/contracts';
import { outcome } from '@safeguard/platform/policy';
import { access, councilAdministered } from './access.js';

const who = (role: Role, kind: Scope['kind'], id: string) => ({ role, scope: { kind, id } });
const adminA = who('admin', 'council', 'COUNCIL-A');

describe('notifier access rules: each council administers its own directory and rota', () => {
  it("shows and changes only the entries of the administrator's own council, hiding every other", () => {
    for (const action of ['readPerson', 'changePerson', 'readShift'] as const) {
      expect(outcome(access.verdict(action, adminA, { council: 'COUNCIL-A' }))).toBe('allowed');
      expect(outcome(access.verdict(action, adminA, { council: 'COUNCIL-B' }))).toBe('404');
      expect(outcome(access.verdict(action, adminA, { council: null }))).toBe('404');
      expect(outcome(access.verdict(action, adminA, undefined))).toBe('404');
    }
  });

  it("keeps a police officer's contact details to the council that lists them, not every council their force works with", () => {
    // The same force, listed by two councils: each administrator sees only their own council's entry.
    const listedByA = { council: 'COUNCIL-A', role: 'police-liaison-officer', scopeKind: 'police-force', scopeId: 'FORCE-1' };
    const listedByB = { ...listedByA, council: 'COUNCIL-B' };
    expect(access.may('readPerson', adminA, listedByA)).toBe(true);
    expect(access.may('readPerson', adminA, listedByB)).toBe(false);
  });

  it('puts on the rota only people in the own directory, naming body.personId otherwise', () => {
    expect(outcome(access.verdict('addShift', adminA, { council: 'COUNCIL-A' }))).toBe('allowed');
    expect(outcome(access.verdict('addShift', adminA, { council: 'COUNCIL-B' }))).toBe('404 body.personId');
    expect(outcome(access.verdict('addShift', adminA, undefined))).toBe('404 body.personId');
  });

  it('adds people in any home or police force the council works with, but in a council scope only its own', () => {
    expect(outcome(access.verdict('addPerson', adminA, { scope: { kind: 'council', id: 'COUNCIL-A' } }))).toBe('allowed');
    expect(outcome(access.verdict('addPerson', adminA, { scope: { kind: 'police-force', id: 'FORCE-1' } }))).toBe('allowed');
    expect(outcome(access.verdict('addPerson', adminA, { scope: { kind: 'council', id: 'COUNCIL-B' } }))).toBe('403 body.scope.id');
  });

  it('refuses everyone but a council administrator, whatever the entry', () => {
    for (const caller of [who('team-manager', 'council', 'COUNCIL-A'), who('admin', 'police-force', 'COUNCIL-A'), who('police-liaison-officer', 'police-force', 'FORCE-1')]) {
      expect(councilAdministered(caller)).toBeUndefined();
      expect(outcome(access.verdict('openDirectory', caller, null))).toBe('403');
      expect(outcome(access.verdict('readPerson', caller, { council: 'COUNCIL-A' }))).toBe('403');
      expect(outcome(access.verdict('addPerson', caller, { scope: { kind: 'council', id: 'COUNCIL-A' } }))).toBe('403');
    }
    expect(councilAdministered(adminA)).toBe('COUNCIL-A');
  });
});
