import { startService } from '@safeguard/platform';
import { loadTrackerConfig } from './config.js';
import { TrackerModule } from './tracker.module.js';

const config = loadTrackerConfig();
await startService({ module: TrackerModule.with(config), config, consumesEvents: true });
