import { TRACKER_ENTITIES } from './entities.js';
import { TrackerSchema1795620166795 } from './migrations/1795620166795-tracker-schema.js';

export const DATABASE = { entities: TRACKER_ENTITIES, migrations: [TrackerSchema1795620166795] };
