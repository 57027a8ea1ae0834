import { RISK_ENTITIES } from './entities.js';
import { RiskSchema1795621026818 } from './migrations/1795621026818-risk-schema.js';
import { AgeAtDiscovery1796555019565 } from './migrations/1796555019565-age-at-discovery.js';

export const DATABASE = { entities: RISK_ENTITIES, migrations: [RiskSchema1795621026818, AgeAtDiscovery1796555019565] };
