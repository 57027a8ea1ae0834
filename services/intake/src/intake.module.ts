import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@safeguard/platform';
import { AbsenceService } from './application/absence.service.js';
import { BriefingService } from './application/briefing.service.js';
import { CareCeasedService } from './application/care-ceased.service.js';
import { ChildService } from './application/child.service.js';
import { InsightService } from './application/insight.service.js';
import { OneOffJobs } from './application/one-off-jobs.service.js';
import { PackService } from './application/pack.service.js';
import { ProfileTopicMove } from './application/profile-topic-move.service.js';
import { StoredPhotoCleaning } from './application/stored-photo-cleaning.service.js';
import type { IntakeConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { AbsenceController } from './http/absence.controller.js';
import { CareCeasedController } from './http/care-ceased.controller.js';
import { ChildController } from './http/child.controller.js';
import { DocsController } from './http/docs.controller.js';
import { InsightController } from './http/insight.controller.js';
import { PackController } from './http/pack.controller.js';
import { ProfileV1Tombstones } from './kafka/profile-v1-tombstones.js';
import { AbsenceRepository } from './repositories/absence.repository.js';
import { AuditRepository } from './repositories/audit.repository.js';
import { ChildRepository } from './repositories/child.repository.js';
import { IdempotencyRepository } from './repositories/idempotency.repository.js';
import { InsightRepository } from './repositories/insight.repository.js';
import { OneOffJobRepository } from './repositories/one-off-job.repository.js';
import { PackRepository } from './repositories/pack.repository.js';
import { PlacementRepository } from './repositories/placement.repository.js';

@Module({})
export class IntakeModule {
  static with(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [PlatformModule.forRoot({ config, database: DATABASE })],
      controllers: [AbsenceController, ChildController, CareCeasedController, PackController, InsightController, DocsController],
      providers: [
        AbsenceRepository, AuditRepository, ChildRepository, IdempotencyRepository, InsightRepository, PackRepository, PlacementRepository,
        AbsenceService, BriefingService, ChildService, CareCeasedService, PackService, InsightService,
        // Retiring intake.child-profile.v1 (dates of birth): see docs/security.md, "Data on the wire".
        OneOffJobRepository, OneOffJobs, ProfileV1Tombstones, ProfileTopicMove,
        // Photographs stored before uploads were re-encoded: see docs/security.md, "Photos".
        StoredPhotoCleaning,
      ],
    };
  }
}
