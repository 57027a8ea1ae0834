import { NRM_REFERRED_STATUSES, type IctgStatus, type TraffickingStatus } from '@safeguard/contracts';
import { addWorkingDays, workingDaysAfter } from './working-days.js';

/*
 * The National Referral Mechanism and the Independent Child Trafficking Guardian on a child's record (docs/domain.md
 * §1a, §3): the referral and the competent authority's decisions, dated; the guardian's referral and contact.
 */

/** A child's NRM dates and ICTG referral as submitted (the `trafficking` and `ictg` objects of a child). */
export interface NrmRecord {
  dateOfBirth: string;
  trafficking: { status: TraffickingStatus; referredOn?: string | undefined; reasonableGroundsOn?: string | undefined; conclusiveGroundsOn?: string | undefined };
  ictg: { status: IctgStatus; referredOn?: string | undefined };
}

/** Statuses that mean a referral to the NRM was made (docs/domain.md §1a): referred or decided, either way. */
const REFERRED: readonly TraffickingStatus[] = [...NRM_REFERRED_STATUSES, 'negative'];
/** Statuses a Reasonable Grounds decision, then a Conclusive Grounds one, can stand with. */
const DECIDED_RG: readonly TraffickingStatus[] = ['reasonable-grounds', 'conclusive-grounds', 'negative'];
const DECIDED_CG: readonly TraffickingStatus[] = ['conclusive-grounds', 'negative'];
const ICTG_REFERRED: readonly IctgStatus[] = ['referred', 'allocated'];

type Problem = { name: string; reason: string };

/**
 * What is wrong with a child's NRM and ICTG dates, by field: none in the future (`today`, a UK day) or before the
 * birth, the referral before the Reasonable Grounds decision and that before the Conclusive Grounds one, each date
 * with a status that allows it, and the referral date given for a referred status. A child stored at a referred status
 * before referral dates were kept (`before`, the stored record) may be changed without one, while the status allows it.
 */
export function nrmProblems(before: NrmRecord | null, after: NrmRecord, today: string): Problem[] {
  const problems: Problem[] = [];
  const t = after.trafficking;
  const dates = [
    ['trafficking.referredOn', t.referredOn], ['trafficking.reasonableGroundsOn', t.reasonableGroundsOn],
    ['trafficking.conclusiveGroundsOn', t.conclusiveGroundsOn], ['ictg.referredOn', after.ictg.referredOn],
  ] as const;
  for (const [field, day] of dates) {
    if (day === undefined) continue;
    if (day > today) problems.push({ name: `body.${field}`, reason: 'is in the future' });
    else if (day < after.dateOfBirth) problems.push({ name: `body.${field}`, reason: 'is before the date of birth' });
  }
  const grandfathered = before !== null && REFERRED.includes(before.trafficking.status) && !before.trafficking.referredOn;
  if (REFERRED.includes(t.status) && !t.referredOn && !grandfathered) {
    problems.push({ name: 'body.trafficking.referredOn', reason: 'required once the child is referred to the NRM' });
  }
  if (t.referredOn && !REFERRED.includes(t.status)) {
    problems.push({ name: 'body.trafficking.referredOn', reason: 'a referral date needs a status of nrm-referred or beyond' });
  }
  if (t.reasonableGroundsOn && !DECIDED_RG.includes(t.status)) {
    problems.push({ name: 'body.trafficking.reasonableGroundsOn', reason: 'a Reasonable Grounds decision needs a status of reasonable-grounds, conclusive-grounds or negative' });
  } else if (t.reasonableGroundsOn && t.referredOn && t.reasonableGroundsOn < t.referredOn) {
    problems.push({ name: 'body.trafficking.reasonableGroundsOn', reason: 'is before the referral' });
  }
  const cgAfter = t.reasonableGroundsOn ?? t.referredOn;
  if (t.conclusiveGroundsOn && !DECIDED_CG.includes(t.status)) {
    problems.push({ name: 'body.trafficking.conclusiveGroundsOn', reason: 'a Conclusive Grounds decision needs a status of conclusive-grounds or negative' });
  } else if (t.conclusiveGroundsOn && cgAfter && t.conclusiveGroundsOn < cgAfter) {
    problems.push({ name: 'body.trafficking.conclusiveGroundsOn', reason: t.reasonableGroundsOn ? 'is before the Reasonable Grounds decision' : 'is before the referral' });
  }
  if (ICTG_REFERRED.includes(after.ictg.status) && !after.ictg.referredOn) {
    problems.push({ name: 'body.ictg.referredOn', reason: 'required once the child is referred to the ICTG service' });
  }
  return problems;
}

/** The status of a referred child whose Reasonable Grounds decision is still to come. */
export const AWAITING_REASONABLE_GROUNDS: TraffickingStatus = 'nrm-referred';

/** Working days the competent authority aims to decide Reasonable Grounds in (Home Office NRM guidance). */
export const REASONABLE_GROUNDS_WORKING_DAYS = 5;

/** The day a Reasonable Grounds decision is due: the 5th working day after the referral (England and Wales). */
export const reasonableGroundsDueOn = (referredOn: string): string => addWorkingDays(referredOn, REASONABLE_GROUNDS_WORKING_DAYS);

/** The decision due while a child is referred and waiting for it; null once decided (or with no referral date). */
export const reasonableGroundsAwaited = (t: { status: TraffickingStatus; referredOn: string | null }): string | null =>
  t.status === AWAITING_REASONABLE_GROUNDS && t.referredOn ? reasonableGroundsDueOn(t.referredOn) : null;

/** A referred child waiting for the decision, as the watch reads the register. */
export interface AwaitingDecision {
  childId: string;
  givenName: string;
  familyName: string;
  /** Null for a child referred before referral dates were kept. */
  referredOn: string | null;
  /** An open episode: the competent authority must be told the child is missing. */
  missingNow: boolean;
}

/**
 * The Reasonable Grounds watch on `today` (a UK day): each child with the decision's due day and how many working days
 * it is overdue, soonest due first. Overdue from the first working day after the due day (the competent authority
 * works working days: a decision due on Friday is not overdue on Saturday). A child referred before referral dates
 * were kept is listed first, with no due day: still waiting, and nobody can tell how late until the date is recorded.
 */
export function reasonableGroundsWatch(children: readonly AwaitingDecision[], today: string) {
  return children
    .map((c) => {
      const dueOn = c.referredOn ? reasonableGroundsDueOn(c.referredOn) : null;
      const workingDaysOverdue = dueOn ? workingDaysAfter(dueOn, today) : 0;
      return { ...c, reasonableGroundsDueOn: dueOn, workingDaysOverdue, overdue: workingDaysOverdue > 0 };
    })
    .sort((a, b) => (a.reasonableGroundsDueOn ?? '').localeCompare(b.reasonableGroundsDueOn ?? '') || a.familyName.localeCompare(b.familyName)
      || a.childId.localeCompare(b.childId));
}
