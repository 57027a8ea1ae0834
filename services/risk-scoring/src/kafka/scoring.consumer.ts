import { Controller } from '@nestjs/common';
import {
  AbsenceReported, AbsenceReportedV2, AbsenceUpdated, ChildProfileChanged, ChildProfileChangedV2, ChildReturned, type DataOf, type Envelope,
} from '@safeguard/contracts';
import { OnEvent } from '@safeguard/platform';
import { ScoringInputs } from '../application/scoring-inputs.service.js';

/** Validated events in, one application call each; the scorer itself is pure. */
@Controller()
export class ScoringConsumer {
  constructor(private readonly inputs: ScoringInputs) {}

  @OnEvent(ChildProfileChangedV2)
  onProfile(event: Envelope<DataOf<typeof ChildProfileChangedV2>>) {
    return this.inputs.profileChanged(event);
  }

  /** Deprecated v1 (carries a date of birth): read until its backlog is consumed; intake publishes v2 only. */
  @OnEvent(ChildProfileChanged)
  onProfileV1(event: Envelope<DataOf<typeof ChildProfileChanged>>) {
    return this.inputs.profileChanged(event);
  }

  @OnEvent(AbsenceReportedV2)
  onReported(event: Envelope<DataOf<typeof AbsenceReportedV2>>) {
    return this.inputs.reported(event);
  }

  /** Deprecated v1 (no age at discovery): read until its backlog is consumed. */
  @OnEvent(AbsenceReported)
  onReportedV1(event: Envelope<DataOf<typeof AbsenceReported>>) {
    return this.inputs.reported(event);
  }

  @OnEvent(AbsenceUpdated)
  onUpdated(event: Envelope<DataOf<typeof AbsenceUpdated>>) {
    return this.inputs.updated(event);
  }

  @OnEvent(ChildReturned)
  onReturned(event: Envelope<DataOf<typeof ChildReturned>>) {
    return this.inputs.returned(event);
  }
}
