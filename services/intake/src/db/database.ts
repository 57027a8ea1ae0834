import { INTAKE_ENTITIES } from './entities.js';
import { IntakeSchema1795620026920 } from './migrations/1795620026920-intake-schema.js';
import { RegisterPackAudit1795622433290 } from './migrations/1795622433290-register-pack-audit.js';
import { ChildPlacements1795628094991 } from './migrations/1795628094991-child-placements.js';
import { IdempotencyFingerprint1796547075324 } from './migrations/1796547075324-idempotency-fingerprint.js';
import { OneOffJobs1796554965601 } from './migrations/1796554965601-one-off-jobs.js';
import { Ssda903ChildIdAndCareCeased1796555940118 } from './migrations/1796555940118-ssda903-child-id-and-care-ceased.js';
import { NrmDatesHomePhoneNotifiableEvents1796565431971 } from './migrations/1796565431971-nrm-dates-home-phone-notifiable-events.js';

export const DATABASE = { entities: INTAKE_ENTITIES, migrations: [IntakeSchema1795620026920, RegisterPackAudit1795622433290, ChildPlacements1795628094991, IdempotencyFingerprint1796547075324, OneOffJobs1796554965601, Ssda903ChildIdAndCareCeased1796555940118, NrmDatesHomePhoneNotifiableEvents1796565431971] };
