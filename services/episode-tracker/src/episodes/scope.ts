import type { Caller } from '@safeguard/platform';

/** The column an episode is scoped by for a caller: their home, their council, or their police force. */
export function scopeColumn(caller: Caller): 'home_id::text' | 'placing_council' | 'police_force' {
  return { home: 'home_id::text', council: 'placing_council', 'police-force': 'police_force' }[caller.scope.kind] as never;
}
