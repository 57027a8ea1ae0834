import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@safeguard/platform';
import type { TrackerConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { ClockHandlers } from './episodes/clock-handlers.js';
import { EpisodeConsumer } from './episodes/episode.consumer.js';
import { EpisodeController } from './episodes/episode.controller.js';
import { EscalationClock } from './episodes/escalation.clock.js';
import { EscalationService } from './episodes/escalation.service.js';
import { PolicyStore } from './episodes/policy.store.js';
import { ComplianceController } from './insight/compliance.controller.js';

@Module({})
export class TrackerModule {
  static with(config: TrackerConfig): DynamicModule {
    return {
      module: TrackerModule,
      imports: [PlatformModule.forRoot({ config, database: DATABASE })],
      controllers: [EpisodeConsumer, EpisodeController, ComplianceController],
      providers: [PolicyStore, EscalationClock, EscalationService, ClockHandlers],
    };
  }
}
