import { INSIGHT_ROLES } from '@safeguard/contracts';
import { allow, definePolicy, inScope, refuse } from '@safeguard/platform/policy';

/**
 * The tracker's access rules in one place. Which episodes a caller sees (their home, their council as placing or
 * host council, their police force) is applied in every read query (repositories/views.repository.ts); whether a
 * caller may acknowledge an alert is the engine's (only the alert's audience, `Refused('not-your-alert')`).
 */
export const access = definePolicy({
  /** Compliance figures are for the council's own managers only. */
  viewInsight: (who, council: string) =>
    INSIGHT_ROLES.includes(who.role) && inScope(who, { council })
      ? allow
      : refuse('Not allowed', "Only the council's managers see its return, figures and patterns", 'query.council'),
});
