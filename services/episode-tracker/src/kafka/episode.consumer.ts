import { Controller } from '@nestjs/common';
import {
  AbsenceReported, AbsenceReportedV2, AbsenceUpdated, AlertAcknowledged, AlertDeliveredV2, AlertFailedV2, ChildProfileChanged,
  ChildProfileChangedV2, ChildReturned, EpisodeAssessed, type DataOf, type Envelope,
} from '@safeguard/contracts';
import { OnEvent } from '@safeguard/platform';
import { AlertService } from '../application/alert.service.js';
import { LifecycleService } from '../application/lifecycle.service.js';

/** Validated events in, one application call each. */
@Controller()
export class EpisodeConsumer {
  constructor(
    private readonly lifecycle: LifecycleService,
    private readonly alerts: AlertService,
  ) {}

  @OnEvent(AbsenceReportedV2)
  onReported(event: Envelope<DataOf<typeof AbsenceReportedV2>>) {
    return this.lifecycle.reported(event);
  }

  /** Deprecated v1 (no age at discovery): read until its backlog is consumed; intake publishes v2 only. */
  @OnEvent(AbsenceReported)
  onReportedV1(event: Envelope<DataOf<typeof AbsenceReported>>) {
    return this.lifecycle.reported(event);
  }

  @OnEvent(EpisodeAssessed)
  onAssessed(event: Envelope<DataOf<typeof EpisodeAssessed>>) {
    return this.lifecycle.assessed(event);
  }

  @OnEvent(ChildProfileChangedV2)
  onProfile(event: Envelope<DataOf<typeof ChildProfileChangedV2>>) {
    return this.lifecycle.profileChanged(event);
  }

  /** Deprecated v1 (carries a date of birth): read until its backlog is consumed; its tombstones are skipped. */
  @OnEvent(ChildProfileChanged)
  onProfileV1(event: Envelope<DataOf<typeof ChildProfileChanged>>) {
    return this.lifecycle.profileChanged(event);
  }

  @OnEvent(AbsenceUpdated)
  onUpdated(event: Envelope<DataOf<typeof AbsenceUpdated>>) {
    return this.lifecycle.updated(event);
  }

  @OnEvent(ChildReturned)
  onReturned(event: Envelope<DataOf<typeof ChildReturned>>) {
    return this.lifecycle.returned(event);
  }

  @OnEvent(AlertAcknowledged)
  onAcknowledged(event: Envelope<DataOf<typeof AlertAcknowledged>>) {
    return this.alerts.acknowledgedByLink(event);
  }

  @OnEvent(AlertDeliveredV2)
  onDelivered(event: Envelope<DataOf<typeof AlertDeliveredV2>>) {
    return this.alerts.delivered(event);
  }

  @OnEvent(AlertFailedV2)
  onFailed(event: Envelope<DataOf<typeof AlertFailedV2>>) {
    return this.alerts.failed(event);
  }
}
