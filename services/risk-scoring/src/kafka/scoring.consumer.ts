import { Controller } from '@nestjs/common';
import {
  AbsenceReported, AbsenceUpdated, ChildProfileChanged, ChildReturned, type DataOf, type Envelope,
} from '@safeguard/contracts';
import { OnEvent } from '@safeguard/platform';
import { ScoringInputs } from '../application/scoring-inputs.service.js';

/** Validated events in, one application call each; the scorer itself is pure. */
@Controller()
export class ScoringConsumer {
  constructor(private readonly inputs: ScoringInputs) {}

  @OnEvent(ChildProfileChanged)
  onProfile(event: Envelope<DataOf<typeof ChildProfileChanged>>) {
    return this.inputs.profileChanged(event);
  }

  @OnEvent(AbsenceReported)
  onReported(event: Envelope<DataOf<typeof AbsenceReported>>) {
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
