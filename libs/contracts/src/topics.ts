import { dlqTopicOf, type EventContract } from './contract.js';
import { AbsenceReported } from './events/intake.absence-reported.v1.js';
import { AbsenceReportedV2 } from './events/intake.absence-reported.v2.js';
import { AbsenceUpdated } from './events/intake.absence-updated.v1.js';
import { ChildProfileChanged } from './events/intake.child-profile.v1.js';
import { ChildProfileChangedV2 } from './events/intake.child-profile.v2.js';
import { ChildReturned } from './events/intake.child-returned.v1.js';
import { EpisodeAssessed } from './events/risk.episode-assessed.v1.js';
import { AlertRequested } from './events/episodes.alert-requested.v1.js';
import { EpisodeChanged } from './events/episodes.episode-changed.v1.js';
import { AlertDelivered } from './events/notifier.alert-delivered.v1.js';
import { AlertFailed } from './events/notifier.alert-failed.v1.js';
import { AlertDeliveredV2 } from './events/notifier.alert-delivered.v2.js';
import { AlertFailedV2 } from './events/notifier.alert-failed.v2.js';
import { AlertAcknowledged } from './events/notifier.alert-acknowledged.v1.js';

/** Every event contract in the system; topics (and their .dlq twins) are created from this list. */
export const CONTRACTS: readonly EventContract[] = [
  ChildProfileChanged,
  ChildProfileChangedV2,
  AbsenceReported,
  AbsenceReportedV2,
  AbsenceUpdated,
  ChildReturned,
  EpisodeAssessed,
  AlertRequested,
  EpisodeChanged,
  AlertDelivered,
  AlertFailed,
  AlertDeliveredV2,
  AlertFailedV2,
  AlertAcknowledged,
];

/**
 * Partitions per topic: handlers of one topic run in parallel up to this many (one child's events stay on one).
 * Tests use fewer to start quickly.
 */
export const TOPIC_PARTITIONS = 12;

/** Replicas per topic: the local stack and compose run one broker; the cluster (infra/kafka/cluster.sh) sets 3. */
export const TOPIC_REPLICAS = 1;

export interface TopicSpec {
  name: string;
  compacted: boolean;
  dlq: boolean;
}

/** The topics to create, with an optional prefix that isolates environments and test files. */
export function topicSpecs(prefix = ''): TopicSpec[] {
  return CONTRACTS.flatMap((c) => [
    { name: prefix + c.topic, compacted: c.compacted ?? false, dlq: false },
    { name: prefix + dlqTopicOf(c.topic), compacted: false, dlq: true },
  ]);
}

export function contractForTopic(topic: string): EventContract | undefined {
  return CONTRACTS.find((c) => c.topic === topic);
}
