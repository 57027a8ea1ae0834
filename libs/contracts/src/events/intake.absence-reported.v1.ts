import { defineEvent } from '../contract.js';
import { AbsenceReportedV2 } from './intake.absence-reported.v2.js';

export const AbsenceReported = defineEvent({
  topic: 'intake.absence-reported.v1',
  type: 'uk.safeguard.intake.absence-reported.v1',
  description:
    'Deprecated: use intake.absence-reported.v2, which carries the age at discovery. No longer published; consumed ' +
    'until its backlog is read.',
  // Written once: v2's fields, strict like v2, without the age at discovery.
  data: AbsenceReportedV2.data.omit({ ageAtDiscovery: true }),
});
