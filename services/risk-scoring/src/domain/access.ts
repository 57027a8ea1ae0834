import { allow, definePolicy, hide, inScope, type Who } from '@safeguard/platform/policy';
import type { EpisodePlace } from './inputs.js';

/** Who may see what in risk-scoring. */
export const access = definePolicy({
  /** An episode's assessments: for callers whose scope is its home, placing council or police force; otherwise hidden. */
  viewAssessments: (who: Who, episode: EpisodePlace | undefined) =>
    episode && inScope(who, { home: episode.homeId, council: episode.placingCouncil, policeForce: episode.policeForce })
      ? allow
      : hide('Episode not found', 'No episode with this id in your scope'),
});
