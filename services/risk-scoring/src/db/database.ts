import { RISK_ENTITIES } from './entities.js';
import { RiskSchema1795621026818 } from './migrations/1795621026818-risk-schema.js';

export const DATABASE = { entities: RISK_ENTITIES, migrations: [RiskSchema1795621026818] };
