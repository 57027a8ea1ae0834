import { docsController } from '@safeguard/platform';
import { episodeTrackerApi } from './routes.js';

/** /api/docs and /api/docs/openapi.json from this service's route table (e2e/openapi.spec.ts keeps services/episode-tracker/openapi.json equal to it). */
export const DocsController = docsController(episodeTrackerApi);
