import { Controller } from '@nestjs/common';
import { AlertRequested, type DataOf, type Envelope } from '@safeguard/contracts';
import { OnEvent } from '@safeguard/platform';
import { AlertIntake } from '../application/alert-intake.service.js';

@Controller()
export class AlertConsumer {
  constructor(private readonly intake: AlertIntake) {}

  // Batched: it takes no lock that another batch could take in the other order (reply codes are held by their key).
  @OnEvent(AlertRequested)
  onAlertRequested(event: Envelope<DataOf<typeof AlertRequested>>) {
    return this.intake.requested(event);
  }
}
