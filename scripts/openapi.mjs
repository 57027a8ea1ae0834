// npm run openapi (after building): writes each service's OpenAPI 3.1 document from its route table to
// services/<name>/openapi.json. A spec in each service fails when the committed document is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '@safeguard/platform';

const SERVICES = { intake: 'intakeApi', 'risk-scoring': 'riskScoringApi', 'episode-tracker': 'episodeTrackerApi', notifier: 'notifierApi' };
const only = process.argv[2];
for (const [service, name] of Object.entries(SERVICES)) {
  const { [name]: api } = await import(`../services/${service}/dist/http/routes.js`);
  const target = fileURLToPath(new URL(`../services/${service}/openapi.json`, import.meta.url));
  const out = only ? `${only}/${service}.json` : target;
  writeFileSync(out, JSON.stringify(openApiDocument(api), null, 2) + '\n');
  console.log(`wrote ${out}`);
}
