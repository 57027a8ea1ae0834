import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EpisodeRepository } from './episode.repository.js';
import { EscalationClock } from './escalation.clock.js';
import { EscalationService } from './escalation.service.js';

/** What each kind of timer does when it falls due. */
@Injectable()
export class ClockHandlers implements OnModuleInit {
  private readonly repo = new EpisodeRepository();

  constructor(
    private readonly clock: EscalationClock,
    private readonly escalation: EscalationService,
  ) {}

  onModuleInit() {
    this.clock.on('rung', async (em, t) => {
      const { episodeId, rungKey } = t.payload as { episodeId: string; rungKey: string };
      const episode = await this.repo.episode(em, episodeId, true);
      if (episode) await this.escalation.fireRung(em, episode, rungKey, new Date());
    });
    this.clock.on('ack', (em, t) => this.escalation.ackDeadlinePassed(em, (t.payload as { alertId: string }).alertId, new Date()));
    this.clock.on('task', (em, t) => this.escalation.taskDeadlinePassed(em, (t.payload as { taskId: string }).taskId, new Date()));
  }
}
