import { TRACKER_ENTITIES } from './entities.js';
import { TrackerSchema1795621361888 } from './migrations/1795621361888-tracker-schema.js';
import { ParkedAssessments1795623711181 } from './migrations/1795623711181-parked-assessments.js';
import { ComplianceTimes1795628157705 } from './migrations/1795628157705-compliance-times.js';
import { EscalationEngine1796536690188 } from './migrations/1796536690188-escalation-engine.js';
import { ProfileWithoutBirth1796555090779 } from './migrations/1796555090779-profile-without-birth.js';
import { Regulation40AndCompetentAuthority1796565495658 } from './migrations/1796565495658-regulation40-and-competent-authority.js';

export const DATABASE = { entities: TRACKER_ENTITIES, migrations: [TrackerSchema1795621361888, ParkedAssessments1795623711181, ComplianceTimes1795628157705, EscalationEngine1796536690188, ProfileWithoutBirth1796555090779, Regulation40AndCompetentAuthority1796565495658] };
