import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@safeguard/platform';
import { AbsenceController } from './absences/absence.controller.js';
import { AbsenceService } from './absences/absence.service.js';
import { ChildController } from './children/child.controller.js';
import { ChildService } from './children/child.service.js';
import { InsightController } from './insight/insight.controller.js';
import { InsightService } from './insight/insight.service.js';
import { PackController } from './pack/pack.controller.js';
import { PackService } from './pack/pack.service.js';
import type { IntakeConfig } from './config.js';
import { DATABASE } from './db/database.js';

@Module({})
export class IntakeModule {
  static with(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [PlatformModule.forRoot({ config, database: DATABASE })],
      controllers: [AbsenceController, ChildController, PackController, InsightController],
      providers: [AbsenceService, ChildService, PackService, InsightService],
    };
  }
}
