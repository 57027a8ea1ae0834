import { INTAKE_ENTITIES } from './entities.js';
import { IntakeSchema1795620026920 } from './migrations/1795620026920-intake-schema.js';

export const DATABASE = { entities: INTAKE_ENTITIES, migrations: [IntakeSchema1795620026920] };
