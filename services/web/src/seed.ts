import { randomUUID } from 'node:crypto';
import { ensureDatabase, loadConfig, openDatabase, refuseDemoDataInProduction } from '@safeguard/platform';
import { hashPassword } from './auth/password.js';
import { WebConfigSchema } from './config.js';
import { DATABASE } from './db/database.js';

// Demo accounts for the demo council (idempotent). The shared demo password is for a local demo only.
const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const BIRCH_LODGE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0002';
export const DEMO_PASSWORD = 'safeguard-demo-2026';
const ACCOUNTS = [
  ['care.oak', 'Care worker, Oak House', 'care-staff', 'home', OAK_HOUSE],
  ['care.birch', 'Care worker, Birch Lodge', 'care-staff', 'home', BIRCH_LODGE],
  ['duty.oak', 'Duty manager, Oak House', 'home-duty-manager', 'home', OAK_HOUSE],
  ['oncall', 'On-call manager', 'on-call-manager', 'council', 'DEMO-COUNCIL'],
  ['manager', 'Team manager', 'team-manager', 'council', 'DEMO-COUNCIL'],
  ['police', 'Police liaison officer', 'police-liaison-officer', 'police-force', 'DEMO-FORCE'],
] as const;

refuseDemoDataInProduction('the demo console accounts');
const config = loadConfig(WebConfigSchema.pick({ DATABASE_URL: true }));
await ensureDatabase(config.DATABASE_URL);
const ds = await openDatabase({ ...DATABASE, url: config.DATABASE_URL });
try {
  // One hash for the shared demo password: at N=2^17 each costs a second of CPU, and the demo password is public anyway.
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const [username, name, role, kind, scope] of ACCOUNTS) {
    await ds.query(
      `INSERT INTO account (id, username, display_name, password_hash, role, scope_kind, scope_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (username) DO NOTHING`,
      [randomUUID(), username, name, hash, role, kind, scope],
    );
  }
  console.log(`seeded ${ACCOUNTS.length} console accounts`);
} finally {
  await ds.destroy();
}
