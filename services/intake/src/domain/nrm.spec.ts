import { describe, expect, it } from '@jest/globals';
import { nrmProblems, reasonableGroundsWatch, type NrmRecord } from './nrm.js';

const TODAY = '2026-12-01';
const record = (trafficking: NrmRecord['trafficking'], ictg: NrmRecord['ictg'] = { status: 'not-referred' }): NrmRecord =>
  ({ dateOfBirth: '2010-05-01', trafficking, ictg });
const problems = (after: NrmRecord, before: NrmRecord | null = null) => nrmProblems(before, after, TODAY).map((p) => `${p.name}: ${p.reason}`);
const fields = (after: NrmRecord, before: NrmRecord | null = null) => nrmProblems(before, after, TODAY).map((p) => p.name);

describe('NRM and ICTG dates on a child', () => {
  it('accepts a referral, its decisions in order and an ICTG referral', () => {
    expect(problems(record({ status: 'none' }))).toEqual([]);
    expect(problems(record({ status: 'nrm-referred', referredOn: '2026-11-20' }, { status: 'referred', referredOn: '2026-11-21' }))).toEqual([]);
    expect(problems(record({ status: 'conclusive-grounds', referredOn: '2026-06-01', reasonableGroundsOn: '2026-06-05', conclusiveGroundsOn: TODAY }))).toEqual([]);
    expect(problems(record({ status: 'negative', referredOn: '2026-06-01', reasonableGroundsOn: '2026-06-05' }))).toEqual([]);
  });

  it('names each date in the future or before the birth', () => {
    expect(problems(record({ status: 'conclusive-grounds', referredOn: '2009-01-01', reasonableGroundsOn: '2026-12-02', conclusiveGroundsOn: '2026-12-03' }, {
      status: 'allocated', referredOn: '2027-01-01',
    }))).toEqual([
      'body.trafficking.referredOn: is before the date of birth',
      'body.trafficking.reasonableGroundsOn: is in the future',
      'body.trafficking.conclusiveGroundsOn: is in the future',
      'body.ictg.referredOn: is in the future',
    ]);
  });

  it('keeps the referral before the Reasonable Grounds decision, and that before the Conclusive Grounds one', () => {
    expect(problems(record({ status: 'reasonable-grounds', referredOn: '2026-06-05', reasonableGroundsOn: '2026-06-01' })))
      .toEqual(['body.trafficking.reasonableGroundsOn: is before the referral']);
    expect(problems(record({ status: 'conclusive-grounds', referredOn: '2026-06-01', reasonableGroundsOn: '2026-06-05', conclusiveGroundsOn: '2026-06-04' })))
      .toEqual(['body.trafficking.conclusiveGroundsOn: is before the Reasonable Grounds decision']);
    expect(problems(record({ status: 'conclusive-grounds', referredOn: '2026-06-05', conclusiveGroundsOn: '2026-06-04' })))
      .toEqual(['body.trafficking.conclusiveGroundsOn: is before the referral']);
  });

  it('needs a status that allows each date', () => {
    expect(fields(record({ status: 'suspected', referredOn: '2026-06-01' }))).toEqual(['body.trafficking.referredOn']);
    expect(fields(record({ status: 'nrm-referred', referredOn: '2026-06-01', reasonableGroundsOn: '2026-06-05' }))).toEqual(['body.trafficking.reasonableGroundsOn']);
    expect(fields(record({ status: 'reasonable-grounds', referredOn: '2026-06-01', reasonableGroundsOn: '2026-06-05', conclusiveGroundsOn: '2026-07-01' })))
      .toEqual(['body.trafficking.conclusiveGroundsOn']);
    expect(fields(record({ status: 'none' }, { status: 'allocated' }))).toEqual(['body.ictg.referredOn']);
    expect(fields(record({ status: 'none' }, { status: 'not-available' }))).toEqual([]);
  });

  it('needs the referral date for a referred child, but lets a child stored as referred before dates were kept be changed', () => {
    const legacy = record({ status: 'nrm-referred' });
    expect(fields(legacy)).toEqual(['body.trafficking.referredOn']);
    expect(fields(legacy, legacy)).toEqual([]);
    expect(fields(record({ status: 'reasonable-grounds', reasonableGroundsOn: '2026-06-05' }), legacy)).toEqual([]);
    // A child stored with the date, or not yet referred, gives it.
    expect(fields(legacy, record({ status: 'nrm-referred', referredOn: '2026-06-01' }))).toEqual(['body.trafficking.referredOn']);
    expect(fields(legacy, record({ status: 'suspected' }))).toEqual(['body.trafficking.referredOn']);
  });
});

describe('the Reasonable Grounds watch', () => {
  const child = (childId: string, referredOn: string | null, missingNow = false) => ({ childId, givenName: 'A', familyName: childId, referredOn, missingNow });

  it('lists the soonest due first, overdue from the first working day after the due day', () => {
    // Referred Friday 13 November 2026: due Friday 20 November.
    const watch = (today: string) => reasonableGroundsWatch([child('later', '2026-11-20'), child('first', '2026-11-13', true)], today);
    expect(watch('2026-11-20').map((c) => [c.childId, c.reasonableGroundsDueOn, c.overdue, c.workingDaysOverdue, c.missingNow])).toEqual([
      ['first', '2026-11-20', false, 0, true], ['later', '2026-11-27', false, 0, false],
    ]);
    expect(watch('2026-11-22')[0]).toMatchObject({ overdue: false, workingDaysOverdue: 0 }); // the weekend after
    expect(watch('2026-11-24')[0]).toMatchObject({ overdue: true, workingDaysOverdue: 2 });
  });

  it('keeps a child referred before referral dates were kept, first, with no due day', () => {
    const watch = reasonableGroundsWatch([child('dated', '2026-11-13'), child('undated', null, true)], '2026-12-01');
    expect(watch.map((c) => [c.childId, c.reasonableGroundsDueOn, c.overdue, c.workingDaysOverdue, c.missingNow])).toEqual([
      ['undated', null, false, 0, true], ['dated', '2026-11-20', true, 7, false],
    ]);
  });
});
