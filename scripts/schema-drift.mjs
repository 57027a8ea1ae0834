// Prints the SQL that would bring a service's schema in line with its entities after its migrations run, on a
// scratch database. No output and exit 0 means no drift. Usage: node scripts/schema-drift.mjs <service> [--quiet]
import { randomBytes } from 'node:crypto';
import { createDataSource, dropDatabase, ensureDatabase, schemaDrift } from '@safeguard/platform';

const service = process.argv[2];
const { DATABASE } = await import(`../services/${service}/dist/db/database.js`);
const base = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const url = new URL(base);
url.pathname = `/drift_${service.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;
await ensureDatabase(url.toString());
const ds = await createDataSource({ ...DATABASE, url: url.toString() }).initialize();
try {
  await ds.runMigrations();
  const sql = await schemaDrift(ds);
  for (const q of sql) console.log(q + ';');
  process.exitCode = sql.length > 0 ? 1 : 0;
} finally {
  await ds.destroy();
  await dropDatabase(url.toString());
}
