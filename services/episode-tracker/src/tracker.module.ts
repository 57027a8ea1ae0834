import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@safeguard/platform';
import { AlertService } from './application/alert.service.js';
import { DecisionWriter } from './application/decision.writer.js';
import { EpisodeWorkflow } from './application/episode.workflow.js';
import { LifecycleService } from './application/lifecycle.service.js';
import { PolicyStore } from './application/policy.store.js';
import { PolicyUpgrade } from './application/policy.upgrade.js';
import { TaskService } from './application/task.service.js';
import { ViewsService } from './application/views.service.js';
import { ClockHandlers } from './clock/clock.handlers.js';
import { EscalationClock } from './clock/escalation.clock.js';
import type { TrackerConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { EpisodeController } from './http/episode.controller.js';
import { ComplianceController } from './http/compliance.controller.js';
import { DocsController } from './http/docs.controller.js';
import { ComplianceRepository } from './repositories/compliance.repository.js';
import { ComplianceService } from './application/compliance.service.js';
import { EpisodeConsumer } from './kafka/episode.consumer.js';
import { ChildRepository } from './repositories/child.repository.js';
import { EpisodeRepository } from './repositories/episode.repository.js';
import { ViewsRepository } from './repositories/views.repository.js';

@Module({})
export class TrackerModule {
  static with(config: TrackerConfig): DynamicModule {
    return {
      module: TrackerModule,
      imports: [PlatformModule.forRoot({ config, database: DATABASE })],
      controllers: [EpisodeConsumer, EpisodeController, ComplianceController, DocsController],
      providers: [
        EpisodeRepository, ChildRepository, ViewsRepository, ComplianceRepository, ComplianceService,
        PolicyStore, EscalationClock, DecisionWriter, EpisodeWorkflow, LifecycleService, AlertService, TaskService, ViewsService, ClockHandlers, PolicyUpgrade,
      ],
    };
  }
}
