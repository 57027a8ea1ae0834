import type { EventContract } from './contract.js';
import { AbsenceReported } from './events/intake.absence-reported.v1.js';
import { AbsenceReportedV2 } from './events/intake.absence-reported.v2.js';
import { AbsenceUpdated } from './events/intake.absence-updated.v1.js';
import { ChildProfileChanged } from './events/intake.child-profile.v1.js';
import { ChildProfileChangedV2 } from './events/intake.child-profile.v2.js';
import { ChildReturned } from './events/intake.child-returned.v1.js';
import { EpisodeAssessed } from './events/risk.episode-assessed.v1.js';
import { AlertRequested } from './events/episodes.alert-requested.v1.js';
import { AlertDeliveredV2 } from './events/notifier.alert-delivered.v2.js';
import { AlertFailedV2 } from './events/notifier.alert-failed.v2.js';
import { AlertAcknowledged } from './events/notifier.alert-acknowledged.v1.js';

/**
 * Which service consumes which topics: exactly the `@OnEvent` handlers in its `src/kafka/`. The AsyncAPI document's
 * receive operations and dead-letter channels are generated from this table, and e2e/consumers.spec.ts fails when a
 * service's handlers and its row differ, so the document cannot describe consumers the code does not have.
 * The deprecated v1 topics stay listed while their backlog is read.
 */
export const CONSUMERS = {
  'risk-scoring': [ChildProfileChangedV2, ChildProfileChanged, AbsenceReportedV2, AbsenceReported, AbsenceUpdated, ChildReturned],
  'episode-tracker': [
    AbsenceReportedV2, AbsenceReported, EpisodeAssessed, ChildProfileChangedV2, ChildProfileChanged, AbsenceUpdated,
    ChildReturned, AlertAcknowledged, AlertDeliveredV2, AlertFailedV2,
  ],
  notifier: [AlertRequested],
} as const satisfies Record<string, readonly EventContract[]>;

export type ConsumingService = keyof typeof CONSUMERS;

/** One consumer group per service (replicas share the partitions); the prefix isolates environments and test files. */
export const consumerGroupOf = (service: string, prefix = ''): string => `${prefix}${service}`;
