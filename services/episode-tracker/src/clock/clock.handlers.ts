import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AlertService } from '../application/alert.service.js';
import { TaskService } from '../application/task.service.js';
import { EscalationClock } from './escalation.clock.js';

/** What each kind of timer does when it falls due: one application call, in the timer's transaction. */
@Injectable()
export class ClockHandlers implements OnModuleInit {
  constructor(
    private readonly clock: EscalationClock,
    private readonly alerts: AlertService,
    private readonly tasks: TaskService,
  ) {}

  onModuleInit() {
    this.clock.on('step', (em, episodeId, key) => this.alerts.stepDue(em, episodeId, key));
    this.clock.on('ack', (em, episodeId, key) => this.alerts.ackDue(em, episodeId, key));
    this.clock.on('task', (em, episodeId, key) => this.tasks.deadlinePassed(em, episodeId, key));
  }
}
