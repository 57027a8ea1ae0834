import { docsController } from '@safeguard/platform';
import { intakeApi } from './routes.js';

/** /api/docs and /api/docs/openapi.json from this service's route table (e2e/openapi.spec.ts keeps services/intake/openapi.json equal to it). */
export const DocsController = docsController(intakeApi);
