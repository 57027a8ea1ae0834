import { INTAKE_ENTITIES } from './entities.js';
import { IntakeSchema1795620026920 } from './migrations/1795620026920-intake-schema.js';
import { RegisterPackAudit1795622433290 } from './migrations/1795622433290-register-pack-audit.js';
import { ChildPlacements1795628094991 } from './migrations/1795628094991-child-placements.js';
import { IdempotencyFingerprint1796547075324 } from './migrations/1796547075324-idempotency-fingerprint.js';

export const DATABASE = { entities: INTAKE_ENTITIES, migrations: [IntakeSchema1795620026920, RegisterPackAudit1795622433290, ChildPlacements1795628094991, IdempotencyFingerprint1796547075324] };
