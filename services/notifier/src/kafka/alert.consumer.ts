import { Controller } from '@nestjs/common';
import { AlertRequested, type DataOf, type Envelope } from '@safeguard/contracts';
import { OnEvent } from '@safeguard/platform';
import { AlertIntake } from '../application/alert-intake.service.js';

@Controller()
export class AlertConsumer {
  constructor(private readonly intake: AlertIntake) {}

  // Its reply codes are locked per phone number, and one duty phone is alerted for many children.
  @OnEvent(AlertRequested, { batched: false })
  onAlertRequested(event: Envelope<DataOf<typeof AlertRequested>>) {
    return this.intake.requested(event);
  }
}
