import { randomUUID } from 'node:crypto';
import { ChildProfileChangedV2 } from '@safeguard/contracts';
import { ensureDatabase, openDatabase, Outbox, refuseDemoDataInProduction } from '@safeguard/platform';
import { loadIntakeConfig } from './config.js';
import { DATABASE } from './db/database.js';
import { ChildRow, CouncilRow, HomeRow, PlacementRow, PoliceForceRow } from './db/entities.js';
import { DEMO, demoPack } from './demo-data.js';
import { profileEvent } from './domain/child.js';

// Seeds the demo council's homes and children (idempotent) and publishes their profiles through the outbox.
refuseDemoDataInProduction('the demo council');
const config = loadIntakeConfig();
await ensureDatabase(config.DATABASE_URL);
const ds = await openDatabase({ ...DATABASE, url: config.DATABASE_URL });
const outbox = new Outbox('intake');
try {
  await ds.transaction(async (em) => {
    await em.getRepository(CouncilRow).save(DEMO.councils);
    await em.getRepository(PoliceForceRow).save(DEMO.forces);
    for (const home of DEMO.homes) await em.getRepository(HomeRow).save(home);
    for (const child of DEMO.children) {
      const existing = await em.getRepository(ChildRow).findOneBy({ id: child.id });
      if (existing) continue;
      const row = await em.getRepository(ChildRow).save(Object.assign(new ChildRow(), child));
      await outbox.add(em, ChildProfileChangedV2, child.id, profileEvent(row));
      await em.getRepository(PlacementRow).save({ id: randomUUID(), childId: child.id, homeId: child.homeId, startedOn: child.placementStart, endedOn: null });
      await em.query(
        `INSERT INTO information_pack (child_id, part1, updated_at, updated_by) VALUES ($1, $2, now(), 'seed') ON CONFLICT DO NOTHING`,
        [child.id, JSON.stringify(demoPack('English'))],
      );
    }
  });
  console.log(`seeded ${DEMO.homes.length} homes and ${DEMO.children.length} children`);
} finally {
  await ds.destroy();
}
