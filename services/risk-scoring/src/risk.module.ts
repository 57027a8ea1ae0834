import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@safeguard/platform';
import { AssessmentHistory } from './application/assessment-history.service.js';
import { ScoringInputs } from './application/scoring-inputs.service.js';
import { ScoringService } from './application/scoring.service.js';
import { ReassessmentClock } from './clock/reassessment.clock.js';
import type { RiskConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { AssessmentController } from './http/assessment.controller.js';
import { DocsController } from './http/docs.controller.js';
import { ScoringConsumer } from './kafka/scoring.consumer.js';
import { AssessmentRepository } from './repositories/assessment.repository.js';
import { EpisodeRepository } from './repositories/episode.repository.js';
import { ProfileRepository } from './repositories/profile.repository.js';

@Module({})
export class RiskModule {
  static with(config: RiskConfig): DynamicModule {
    return {
      module: RiskModule,
      imports: [PlatformModule.forRoot({ config, database: DATABASE })],
      controllers: [ScoringConsumer, AssessmentController, DocsController],
      providers: [
        ProfileRepository, EpisodeRepository, AssessmentRepository, ScoringService, ReassessmentClock, ScoringInputs, AssessmentHistory,
      ],
    };
  }
}
