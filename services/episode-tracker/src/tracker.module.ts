import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@safeguard/platform';
import type { TrackerConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { EpisodeConsumer } from './episodes/episode.consumer.js';

@Module({})
export class TrackerModule {
  static with(config: TrackerConfig): DynamicModule {
    return {
      module: TrackerModule,
      imports: [PlatformModule.forRoot({ config, database: DATABASE })],
      controllers: [EpisodeConsumer],
    };
  }
}
