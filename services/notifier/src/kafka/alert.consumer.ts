import { Controller } from '@nestjs/common';
import { AlertRequested, type DataOf, type Envelope } from '@safeguard/contracts';
import { OnEvent } from '@safeguard/platform';
import { AlertIntake } from '../application/alert-intake.service.js';

@Controller()
export class AlertConsumer {
  constructor(private readonly intake: AlertIntake) {}

  // Batched: reply codes are held by their key, not a lock per phone. Two batches that pick each other's codes at the
  // same moment would deadlock; PostgreSQL ends one, whose events are then applied one by one.
  @OnEvent(AlertRequested)
  onAlertRequested(event: Envelope<DataOf<typeof AlertRequested>>) {
    return this.intake.requested(event);
  }
}
