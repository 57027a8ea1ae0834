export type EpisodeState = 'reported' | 'open' | 'located' | 'returned' | 'closed';

const NEXT: Record<EpisodeState, readonly EpisodeState[]> = {
  reported: ['open', 'returned'],
  open: ['located', 'returned'],
  located: ['returned'],
  returned: ['closed'],
  closed: [],
};

export class TransitionRefused extends Error {}

/** The lifecycle of a missing episode as a pure state machine: reported → open → (located) → returned → closed. */
export function transition(from: EpisodeState, to: EpisodeState): EpisodeState {
  if (!NEXT[from].includes(to)) throw new TransitionRefused(`an episode cannot go from ${from} to ${to}`);
  return to;
}

/** The ladder runs only while the child is missing; acknowledgements never stop it, only the return does. */
export const ladderRuns = (state: EpisodeState): boolean => state === 'open';
