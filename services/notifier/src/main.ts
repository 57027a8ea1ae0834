import { startService } from '@safeguard/platform';
import { loadNotifierConfig } from './config.js';
import { securePages } from './http/pages.js';
import { NotifierModule } from './notifier.module.js';

const config = loadNotifierConfig();
await startService({ module: NotifierModule.with(config), config, consumesEvents: true, configure: securePages });
