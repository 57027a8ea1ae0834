import { describe, expect, it } from '@jest/globals';
import { ukMobile } from './contact.js';

describe('UK mobile numbers', () => {
  it('stores the ways people write a UK mobile in E.164', () => {
    for (const written of ['07700 900123', '+44 7700 900123', '0044 7700 900123', '447700900123', '(07700) 900-123']) {
      expect(ukMobile(written)).toBe('+447700900123');
    }
    expect(ukMobile('07624 123456')).toBe('+447624123456'); // Isle of Man
  });

  it('refuses landlines, pagers, personal numbers, short or long numbers and letters', () => {
    for (const bad of ['020 7946 0000', '07600 123456', '07000 123456', '0770090012', '077009001234', '07700 9OO123', '', '+33 6 12 34 56 78']) {
      expect(ukMobile(bad)).toBeUndefined();
    }
  });
});
