import { Module, type DynamicModule } from '@nestjs/common';
import { LOGGER, PlatformModule } from '@safeguard/platform';
import type { Logger } from 'pino';
import { AlertIntake } from './application/alert-intake.service.js';
import { Acknowledgements } from './application/acknowledgements.service.js';
import { DeliveryOutcomes } from './application/delivery-outcomes.service.js';
import { DeliveryPlanner } from './application/delivery-planner.js';
import { DeliveryService } from './application/delivery.service.js';
import { DirectoryService } from './application/directory.service.js';
import { ReceiptsService } from './application/receipts.service.js';
import { ChannelRegistry, type DriverName } from './channels/registry.js';
import type { NotifierConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { AckController } from './http/ack.controller.js';
import { DirectoryController } from './http/directory.controller.js';
import { DocsController } from './http/docs.controller.js';
import { NotifyCallbacksController } from './http/notify-callbacks.controller.js';
import { AlertConsumer } from './kafka/alert.consumer.js';
import { DeliveryQueue } from './queue/delivery.queue.js';
import { DeliveryRepository } from './repositories/delivery.repository.js';
import { DirectoryRepository } from './repositories/directory.repository.js';

@Module({})
export class NotifierModule {
  static with(config: NotifierConfig): DynamicModule {
    return {
      module: NotifierModule,
      imports: [PlatformModule.forRoot({ config, database: DATABASE })],
      controllers: [AlertConsumer, AckController, NotifyCallbacksController, DirectoryController, DocsController],
      providers: [
        {
          provide: ChannelRegistry,
          inject: [LOGGER],
          useFactory: (logger: Logger) => new ChannelRegistry({ email: config.EMAIL_CHANNEL as DriverName, sms: config.SMS_CHANNEL as DriverName }, config, logger),
        },
        DeliveryRepository, DeliveryPlanner, DeliveryOutcomes, DeliveryService, DeliveryQueue, AlertIntake, ReceiptsService, Acknowledgements,
        DirectoryRepository, DirectoryService,
      ],
    };
  }
}
