import { WEB_ENTITIES } from './entities.js';
import { WebSchema1795622770825 } from './migrations/1795622770825-web-schema.js';

export const DATABASE = { entities: WEB_ENTITIES, migrations: [WebSchema1795622770825] };
