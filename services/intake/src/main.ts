import { startService } from '@safeguard/platform';
import { IntakeModule } from './intake.module.js';
import { loadIntakeConfig } from './config.js';

await startService({ module: IntakeModule.with(loadIntakeConfig()), config: loadIntakeConfig(), consumesEvents: false });
