import type { EpisodeTrackerHttp as Tracker, IntakeHttp as Intake } from '@safeguard/contracts';
import { actsForChildren } from '../domain/acting-for.js';
import { access } from '../domain/access.js';
import type { SignedIn } from '../domain/signed-in.js';
import { codesInWords, labelFrom, ROLE_LABELS, timelineName } from '../labels.js';

const roleName = labelFrom(ROLE_LABELS);

type Named = Pick<Intake.Home, 'id' | 'name' | 'council' | 'councilName' | 'policeForce' | 'policeForceName'>;

/**
 * Who an alert went to, in words: "Home duty manager, Oak House". The episode's home, its council and its force are
 * named as intake names them; another council (the placing council of a child placed out of area) by its code.
 */
export function alertRecipient(a: Pick<Tracker.Alert, 'role' | 'scopeKind' | 'scopeId'>, home: Named | undefined): string {
  const named: Record<typeof a.scopeKind, [string | undefined, string | null | undefined]> = {
    home: [home?.id, home?.name], council: [home?.council, home?.councilName], 'police-force': [home?.policeForce, home?.policeForceName],
  };
  const [code, name] = named[a.scopeKind];
  const where = code === a.scopeId && name ? name : a.scopeKind === 'home' ? 'the home' : a.scopeId;
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
