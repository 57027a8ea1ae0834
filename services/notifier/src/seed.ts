import { ensureDatabase, openDatabase, refuseDemoDataInProduction } from '@safeguard/platform';
import { loadNotifierConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { PersonRow } from './db/entities.js';
import { DEMO_PEOPLE } from './demo-data.js';

// Seeds the demo council's alert recipients (idempotent).
refuseDemoDataInProduction('the demo directory');
const config = loadNotifierConfig();
await ensureDatabase(config.DATABASE_URL);
const ds = await openDatabase({ ...DATABASE, url: config.DATABASE_URL });
try {
  await ds.getRepository(PersonRow).save(DEMO_PEOPLE);
  console.log(`seeded ${DEMO_PEOPLE.length} people`);
} finally {
  await ds.destroy();
}
