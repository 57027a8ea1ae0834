import type { Channel, RiskLevel } from '@safeguard/contracts';

/** What the channel policy needs to know of an alert and of the person it goes to. */
export interface ChannelChoice {
  level: RiskLevel;
  /** 1 for the first send; more for a re-send of the same alert. */
  attempt: number;
  night: boolean;
  contacts: { email: boolean; sms: boolean };
}

/**
 * Which channels an alert uses for one person: high level or night hours, text and email at once; otherwise email
 * first and a text as well on the re-send. A channel the person has no address for is replaced by the other, so a
 * person with any contact is always tried.
 */
export function channelsFor(c: ChannelChoice): Channel[] {
  const wanted: Channel[] = c.level === 'high' || c.night || c.attempt > 1 ? ['sms', 'email'] : ['email'];
  const possible = wanted.filter((ch) => c.contacts[ch]);
  if (possible.length > 0) return possible;
  return (['email', 'sms'] as const).filter((ch) => c.contacts[ch]).slice(0, 1);
}

/** After one channel failed for a person: the channel to try next, if one is left. */
export function fallbackChannel(tried: readonly Channel[], contacts: { email: boolean; sms: boolean }): Channel | undefined {
  return (['sms', 'email'] as const).find((ch) => contacts[ch] && !tried.includes(ch));
}
