import { HOME_ROLES, INSIGHT_ROLES, isPoliceRole, NRM_WATCH_ROLES } from '@safeguard/contracts';
import { allow, definePolicy, hide, refuse, type Who } from '@safeguard/platform/policy';

/**
 * Who sees which part of the console, in one place. The console only chooses pages and links: every service checks
 * role and scope again on each call, and shows each person only what is in their scope.
 */
export type Area =
  /** The children of a home, and reporting an absence or a return: the home's care staff and duty manager. */
  | 'children'
  /** Open episodes and an episode's page: anyone signed in (the tracker lists only their scope). */
  | 'episodes'
  /** Escalations waiting for the police: police roles. */
  | 'escalations'
  /** Figures and patterns: the council's managers (INSIGHT_ROLES), for their own council. */
  | 'insight'
  /**
   * An episode's police briefing, the child's photograph, and the police's reference and grade: police roles. To anyone
   * else these pages do not exist (404), as intake answers them.
   */
  | 'briefing'
  /** Children waiting for a Reasonable Grounds decision: the council's social workers, NRM first responders and managers. */
  | 'nrm';

const isHomeStaff = (who: Who) => HOME_ROLES.includes(who.role);

const OPENS: Record<Area, (who: Who) => boolean> = {
  children: isHomeStaff,
  episodes: () => true,
  escalations: (who) => isPoliceRole(who.role),
  insight: (who) => INSIGHT_ROLES.includes(who.role) && who.scope.kind === 'council',
  briefing: (who) => isPoliceRole(who.role),
  nrm: (who) => NRM_WATCH_ROLES.includes(who.role) && who.scope.kind === 'council',
};

/** Areas whose pages are hidden, not refused, from those they are not for: nothing about an episode is disclosed. */
const HIDDEN: readonly Area[] = ['briefing'];

export const access = definePolicy({
  open: (who: Who, area: Area) => (OPENS[area](who) ? allow
    : HIDDEN.includes(area) ? hide('Page not found', 'It may not be in your area.') : refuse('This page is not for your role', 'Use the links above.')),
  /**
   * Recording a task's outcome from the episode page: everyone but the police, who read episodes and acknowledge
   * their escalations (with a police reference) from their own page.
   */
  recordOutcomes: (who: Who, _episode: { id: string }) =>
    isPoliceRole(who.role) ? refuse('Not for the police', 'Police acknowledge escalations from their own page') : allow,
});

/** The menu: each part of the console for the people it is for; the police have their escalations instead of open episodes. */
export function menu(who: Who): { href: string; text: string }[] {
  return [
    ...(access.may('open', who, 'children') ? [{ href: '/', text: 'Children' }] : []),
    ...(access.may('open', who, 'escalations') ? [{ href: '/police', text: 'Escalations' }] : [{ href: '/dashboard', text: 'Open episodes' }]),
    ...(access.may('open', who, 'insight') ? [{ href: '/insight', text: 'Figures and patterns' }] : []),
    ...(access.may('open', who, 'nrm') ? [{ href: '/nrm', text: 'NRM decisions' }] : []),
  ];
}

/** Where '/' takes someone it is not for: the police to their escalations, everyone else to the open episodes. */
export const startPage = (who: Who): string => (access.may('open', who, 'escalations') ? '/police' : '/dashboard');
