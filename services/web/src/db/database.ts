import { WEB_ENTITIES } from './entities.js';
import { WebSchema1795622770825 } from './migrations/1795622770825-web-schema.js';
import { FrontDoorSessions1796554818695 } from './migrations/1796554818695-front-door-sessions.js';
import { CouncilSignIn1796555025668 } from './migrations/1796555025668-council-sign-in.js';

export const DATABASE = { entities: WEB_ENTITIES, migrations: [WebSchema1795622770825, FrontDoorSessions1796554818695, CouncilSignIn1796555025668] };
