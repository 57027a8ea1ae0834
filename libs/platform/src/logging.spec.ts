import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { createLogger, redact } from './logging.js';

/** Everything a service could hold about a child, each value a distinctive canary. */
const canary = (field: string) => `CANARY-${field}`;
const child = {
  id: '5e0c1a1e-0000-4000-8000-000000000001', givenName: canary('givenName'), familyName: canary('familyName'),
  dateOfBirth: '2011-02-03', medicalNeeds: canary('medicalNeeds'), essentialMedication: canary('essentialMedication'),
  communicationNeeds: canary('communicationNeeds'), firstLanguage: canary('firstLanguage'), otherLanguages: [canary('otherLanguages')],
  socialWorker: { name: canary('swName'), phone: canary('swPhone'), email: canary('sw@example.org') },
};
const pack = {
  identity: { otherNames: [canary('otherNames')], gender: canary('gender'), nationality: canary('nationality'),
    homeOfficeReference: canary('hoRef'), ictgContact: canary('ictg'), interpreterLanguage: canary('interpreter') },
  physicalDescription: { height: canary('height'), build: canary('build'), hair: canary('hair'), eyes: canary('eyes'), marksScarsTattoos: canary('marks') },
  vulnerabilities: [canary('vulnerability')], warningMarkers: [canary('marker')],
  associates: [{ name: canary('associate'), relationship: canary('relationship'), phone: canary('assocPhone'), address: canary('assocAddress'), ofConcern: true }],
  placesFrequented: [{ place: canary('place'), riskNotes: canary('riskNotes') }],
  phones: [{ number: canary('number'), handset: canary('handset'), billPayer: canary('billPayer') }],
  socialMedia: [canary('social')], moneyAndTravelCards: [canary('money')], usualTransport: canary('transport'),
  previousEpisodes: [{ from: '2025-01-01', foundWhere: canary('foundWhere'), withWhom: canary('withWhom'), whatHappened: canary('whatHappened') }],
};
const report = {
  childId: child.id, classification: 'M', lastSeen: { at: '2026-12-06T01:00:00Z', where: canary('where'), by: canary('by') },
  clothing: canary('clothing'), tookWith: canary('tookWith'), mayBeWith: canary('mayBeWith'), actionsTaken: canary('actionsTaken'),
};
const returned = { where: canary('returnWhere'), by: canary('returnBy'), safeAndWellCheck: { at: '2026-12-06T09:00:00Z', by: canary('checkBy') } };
const task = { taskId: 't1', outcome: canary('outcome') };

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  return { lines, stream: new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }) };
}

describe('log redaction', () => {
  it('censors every personal field of the child, pack, report, return and task, at any depth, and keeps ids', () => {
    const { lines, stream } = capture();
    const log = createLogger('spec', 'info', stream);
    // Nested deeper than any fixed path list would reach.
    let deep: Record<string, unknown> = { child, pack, report, returned, task };
    for (let i = 0; i < 8; i++) deep = { level: deep };
    log.info({ deep, child, pack, report, returned, task, req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1' } } }, 'handled');
    const out = lines.join('');
    expect(out).not.toMatch(/CANARY|2011-02-03|Bearer abc|sid=1/);
    expect(out).toContain(child.id);
    expect(out).toContain('"classification":"M"');
  });

  it('never throws on cycles or odd values, and finds a personal key wherever fast-check hides it', () => {
    const cyclic: Record<string, unknown> = { id: 'x' };
    cyclic.self = cyclic;
    expect(() => redact(cyclic)).not.toThrow();
    expect(redact(cyclic)).toEqual({ id: 'x', self: '[redacted]' });
    // Shared, not cyclic: both places keep their ids.
    const home = { id: 'h1' };
    expect(redact({ from: home, to: home })).toEqual({ from: { id: 'h1' }, to: { id: 'h1' } });
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'items', '0', 'data', 'level'), { maxLength: 20 }), fc.constantFrom('where', 'givenName', 'associates', 'outcome'),
      (path, key) => {
        let value: unknown = { [key]: 'CANARY-secret' };
        for (const p of path.reverse()) value = p === '0' ? [value] : { [p]: value };
        expect(JSON.stringify(redact(value))).not.toContain('CANARY');
      }));
  });
});
