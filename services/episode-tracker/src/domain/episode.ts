import type { RiskLevel } from '@safeguard/contracts';
import type { Ladder } from './ladder.js';

export type EpisodeState = 'reported' | 'open' | 'located' | 'returned' | 'closed';

const NEXT: Record<EpisodeState, readonly EpisodeState[]> = {
  reported: ['open'],
  open: ['located', 'returned'],
  located: ['returned'],
  returned: ['closed'],
  closed: [],
};

export class TransitionRefused extends Error {}

/** The lifecycle of a missing episode as a pure state machine. */
export function transition(from: EpisodeState, to: EpisodeState): EpisodeState {
  if (!NEXT[from].includes(to)) throw new TransitionRefused(`an episode cannot go from ${from} to ${to}`);
  return to;
}

/** A stricter ladder may replace a laxer one while the episode is open, never the reverse. */
export const stricterLadder = (current: Ladder, proposed: Ladder): Ladder => (current === 'T' || proposed === 'T' ? 'T' : 'S');

export interface OpenedEpisode {
  state: EpisodeState;
  level: RiskLevel;
  ladder: Ladder;
}
