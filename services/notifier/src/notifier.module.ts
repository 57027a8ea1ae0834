import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@safeguard/platform';
import type { NotifierConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { AckController } from './ack/ack.controller.js';
import { AlertConsumer } from './delivery/alert.consumer.js';
import { DirectoryController } from './directory/directory.controller.js';
import { DeliveryQueue } from './delivery/delivery.queue.js';
import { DeliveryService } from './delivery/delivery.service.js';

@Module({})
export class NotifierModule {
  static with(config: NotifierConfig): DynamicModule {
    return {
      module: NotifierModule,
      imports: [PlatformModule.forRoot({ config, database: DATABASE })],
      controllers: [AlertConsumer, AckController, DirectoryController],
      providers: [DeliveryService, DeliveryQueue],
    };
  }
}
