import { NOTIFIER_ENTITIES } from './entities.js';
import { NotifierSchema1795620226052 } from './migrations/1795620226052-notifier-schema.js';

export const DATABASE = { entities: NOTIFIER_ENTITIES, migrations: [NotifierSchema1795620226052] };
