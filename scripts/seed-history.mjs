// Gives the demo council a year of history, so the figures and patterns pages have something to show: the
// synthetic year of the tests (libs/testing), for the last complete collection year, written into intake's and
// the tracker's databases once. Usage: INTAKE_DATABASE_URL=… TRACKER_DATABASE_URL=… node scripts/seed-history.mjs
import pg from 'pg';
import { collectionYearOf, collectionYearStarting, ukClock } from '@safeguard/contracts';
import { seedIntakeYear, seedTrackerYear, syntheticYear } from '@safeguard/testing';

const year = collectionYearStarting(Number(collectionYearOf(ukClock(new Date()).day).slice(0, 4)) - 1);
const history = syntheticYear({ council: 'DEMO-COUNCIL', force: 'DEMO-FORCE', year });
const intake = new pg.Client({ connectionString: process.env.INTAKE_DATABASE_URL });
const tracker = new pg.Client({ connectionString: process.env.TRACKER_DATABASE_URL });
await intake.connect();
await tracker.connect();
try {
  const { rowCount } = await intake.query('SELECT 1 FROM home WHERE id = $1', [history.homes[0].id]);
  if (rowCount) {
    console.log(`history: ${year} already seeded`);
  } else {
    await intake.query('BEGIN');
    await tracker.query('BEGIN');
    await seedIntakeYear(intake, history);
    await seedTrackerYear(tracker, history, { stillMissing: false });
    await tracker.query('COMMIT');
    await intake.query('COMMIT');
    console.log(`history: seeded ${history.episodes.length} synthetic episodes for ${year} (figures and patterns)`);
  }
} finally {
  await intake.end();
  await tracker.end();
}
