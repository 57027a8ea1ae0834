import type { EpisodeTrackerHttp as Tracker, IntakeHttp as Intake } from '@safeguard/contracts';
import { actsForChildren } from '../domain/acting-for.js';
import { access } from '../domain/access.js';
import type { SignedIn } from '../domain/signed-in.js';
import { codesInWords, labelFrom, ROLE_LABELS, timelineName } from '../labels.js';

const roleName = labelFrom(ROLE_LABELS);

/**
 * Who an alert went to, in words: "Home duty manager, Oak House". A home is named when it is the episode's home
 * (`home`, when intake told the console); a council or a police force by its code, the console knowing no other name.
 */
export function alertRecipient(a: Pick<Tracker.Alert, 'role' | 'scopeKind' | 'scopeId'>, home: Pick<Intake.Home, 'id' | 'name'> | undefined): string {
  const where = a.scopeKind !== 'home' ? a.scopeId : home?.id === a.scopeId ? home.name : 'the home';
  return `${roleName(a.role)}, ${where}`;
}

/** The episode page: the episode with its alerts and timeline in words, and what the person may do from it. */
export function episodePage(e: Tracker.EpisodeDetail, home: Intake.Home | undefined, user: SignedIn) {
  const open = e.state === 'open';
  return {
    title: `Episode ${e.reference}`,
    e,
    homeName: home?.name,
    alerts: e.alerts.map((a) => ({ ...a, to: alertRecipient(a, home) })),
    timeline: e.timeline.map((t) => ({ at: t.at, what: timelineName(t.what), why: codesInWords(t.why) })),
    canManage: access.may('recordOutcomes', user, e),
    /** Recording new facts and the return, while the child is missing: those acting for the child. */
    mayRecord: open && actsForChildren(user),
    /** The police's own pages for an open episode (police.controller.ts): their briefing, their reference and grade. */
    police: open && access.may('open', user, 'briefing'),
  };
}
