import { startService } from '@safeguard/platform';
import { loadRiskConfig } from './config.js';
import { RiskModule } from './risk.module.js';

const config = loadRiskConfig();
await startService({ module: RiskModule.with(config), config, consumesEvents: true });
