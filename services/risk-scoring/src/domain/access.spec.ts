import { describe, expect, it } from '@jest/globals';
import { access } from './access.js';

const episode = { homeId: 'home-1', placingCouncil: 'DEMO-COUNCIL', policeForce: 'DEMO-FORCE' };
const who = (kind: 'home' | 'council' | 'police-force', id: string) => ({ role: 'team-manager' as const, scope: { kind, id } });

describe('risk-scoring access', () => {
  it("shows an episode's assessments to its home, placing council and police force", () => {
    expect(access.may('viewAssessments', who('home', 'home-1'), episode)).toBe(true);
    expect(access.may('viewAssessments', who('council', 'DEMO-COUNCIL'), episode)).toBe(true);
    expect(access.may('viewAssessments', who('police-force', 'DEMO-FORCE'), episode)).toBe(true);
  });

  it('hides them from everyone else, and hides an episode that does not exist the same way', () => {
    for (const [caller, subject] of [[who('council', 'OTHER-COUNCIL'), episode], [who('home', 'DEMO-COUNCIL'), episode], [who('council', 'DEMO-COUNCIL'), undefined]] as const) {
      expect(() => access.assert('viewAssessments', caller, subject)).toThrow(
        expect.objectContaining({ verdict: { allowed: false, hidden: true, title: 'Episode not found', detail: 'No episode with this id in your scope' } }),
      );
    }
  });
});
