import { startService } from '@safeguard/platform';
import { IntakeModule } from './intake.module.js';
import { loadIntakeConfig } from './config.js';

const config = loadIntakeConfig();
await startService({ module: IntakeModule.with(config), config, consumesEvents: false });
