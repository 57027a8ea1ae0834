import { TRACKER_ENTITIES } from './entities.js';
import { TrackerSchema1795621361888 } from './migrations/1795621361888-tracker-schema.js';

export const DATABASE = { entities: TRACKER_ENTITIES, migrations: [TrackerSchema1795621361888] };
