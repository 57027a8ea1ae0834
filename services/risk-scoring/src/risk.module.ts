import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@safeguard/platform';
import type { RiskConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { AssessmentController } from './scoring/assessment.controller.js';
import { ReassessmentClock } from './scoring/reassessment-clock.js';
import { ScoringConsumer } from './scoring/scoring.consumer.js';
import { ScoringService } from './scoring/scoring.service.js';

@Module({})
export class RiskModule {
  static with(config: RiskConfig): DynamicModule {
    return {
      module: RiskModule,
      imports: [PlatformModule.forRoot({ config, database: DATABASE })],
      controllers: [ScoringConsumer, AssessmentController],
      providers: [ScoringService, ReassessmentClock],
    };
  }
}
