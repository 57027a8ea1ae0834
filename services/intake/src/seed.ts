import { ensureDatabase, openDatabase, Outbox } from '@safeguard/platform';
import { loadIntakeConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { ChildRow, HomeRow } from './db/entities.js';
import { saveChild } from './children/child-profile.js';
import { DEMO } from './demo-data.js';

// Seeds the demo council's homes and children (idempotent) and publishes their profiles through the outbox.
const config = loadIntakeConfig();
await ensureDatabase(config.DATABASE_URL);
const ds = await openDatabase({ ...DATABASE, url: config.DATABASE_URL });
try {
  await ds.transaction(async (em) => {
    for (const home of DEMO.homes) await em.getRepository(HomeRow).save(home);
    for (const child of DEMO.children) {
      const existing = await em.getRepository(ChildRow).findOneBy({ id: child.id });
      if (!existing) await saveChild(em, new Outbox('intake'), Object.assign(new ChildRow(), child));
    }
  });
  console.log(`seeded ${DEMO.homes.length} homes and ${DEMO.children.length} children`);
} finally {
  await ds.destroy();
}
