import { RISK_ENTITIES } from './entities.js';
import { RiskSchema1795620872945 } from './migrations/1795620872945-risk-schema.js';

export const DATABASE = { entities: RISK_ENTITIES, migrations: [RiskSchema1795620872945] };
