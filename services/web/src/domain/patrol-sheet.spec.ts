import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { associatesForPatrol, clip, PATROL_PICKS, placesForPatrol } from './patrol-sheet.js';

type Associate = Parameters<typeof associatesForPatrol>[0][number];
const associate: fc.Arbitrary<Associate> = fc.record({
  name: fc.string({ minLength: 1, maxLength: 8 }), relationship: fc.string(), ofConcern: fc.boolean(),
  phone: fc.option(fc.constant('07700 900123'), { nil: undefined }), address: fc.option(fc.constant('1 High Street'), { nil: undefined }),
});

describe('the one-page briefing for patrols', () => {
  it('cuts free text at a word to fit its box, with an ellipsis, and leaves short text and nothing alone', () => {
    expect(clip('Grey hoodie, black trainers and a red rucksack', 30)).toBe('Grey hoodie, black trainers…');
    expect(clip('  Grey   hoodie ', 30)).toBe('Grey hoodie');
    expect([clip(undefined, 10), clip(null, 10), clip('', 10)]).toEqual(['', '', '']);
    fc.assert(fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 2, max: 200 }), (text, max) => {
      expect(clip(text, max).length).toBeLessThanOrEqual(max);
    }));
  });

  it('names the associates of concern first, then those with an address or phone, in the order the home wrote them', () => {
    const plain = { name: 'Aunt', relationship: 'family', ofConcern: false };
    const reachable = { name: 'Friend', relationship: 'friend', phone: '07700 900001', ofConcern: false };
    const concern = { name: 'Adult', relationship: 'unknown adult', ofConcern: true };
    const concern2 = { name: 'Driver', relationship: 'adult', address: 'Flat 2', ofConcern: true };
    expect(associatesForPatrol([plain, reachable, concern, concern2]).map((a) => a.name)).toEqual(['Driver', 'Adult', 'Friend']);
  });

  it('never names more than three associates, drops none of concern for one that is not, and keeps the order within each weight', () => {
    fc.assert(fc.property(fc.array(associate, { maxLength: 12 }), (all) => {
      const picked = associatesForPatrol(all);
      expect(picked).toHaveLength(Math.min(PATROL_PICKS, all.length));
      const concerns = all.filter((a) => a.ofConcern).length;
      expect(picked.filter((a) => a.ofConcern)).toHaveLength(Math.min(PATROL_PICKS, concerns));
      const order = picked.map((a) => all.indexOf(a));
      for (let i = 1; i < picked.length; i++) {
        const same = picked[i]!.ofConcern === picked[i - 1]!.ofConcern && Boolean(picked[i]!.phone || picked[i]!.address) === Boolean(picked[i - 1]!.phone || picked[i - 1]!.address);
        if (same) expect(order[i]).toBeGreaterThan(order[i - 1]!);
      }
    }));
  });

  it('names the places with a note on risk first', () => {
    const places = [{ place: 'Library' }, { place: 'Station', riskNotes: 'Met adults here' }, { place: 'Park' }, { place: 'Shop', riskNotes: 'Drugs' }];
    expect(placesForPatrol(places).map((p) => p.place)).toEqual(['Station', 'Shop', 'Library']);
  });
});
