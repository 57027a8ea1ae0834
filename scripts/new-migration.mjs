// Writes a migration for a service from the drift between its entities and its migrations (like TypeORM's
// migration:generate). Usage: npm run build && node scripts/new-migration.mjs <service> <Name>
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [service, name] = process.argv.slice(2);
let sql = '';
try {
  execFileSync('node', ['scripts/schema-drift.mjs', service], { encoding: 'utf8' });
  console.log('no drift: nothing to write');
  process.exit(0);
} catch (error) {
  sql = error.stdout;
}
const ts = Date.now();
const statements = sql.trim().split(/;\n/).map((s) => s.replace(/;$/, ''));
const body = statements.map((s) => `    await q.query(${JSON.stringify(s)});`).join('\n');
const file = `services/${service}/src/db/migrations/${ts}-${name.replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase())}.ts`;
writeFileSync(file, `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  async up(q: QueryRunner): Promise<void> {
${body}
  }

  async down(): Promise<void> {
    throw new Error('${name}: restore from backup; schema changes are forward-only');
  }
}
`);
// Register it in the service's migration list.
const db = `services/${service}/src/db/database.ts`;
const module = file.split('/').pop().replace(/\.ts$/, '.js');
let src = readFileSync(db, 'utf8');
src = src.replace(/(import .*\n)(?!import)/, `$1import { ${name}${ts} } from './migrations/${module}';\n`);
src = src.replace(/migrations: \[([^\]]*)\]/, (_, list) => `migrations: [${[list.trim(), `${name}${ts}`].filter(Boolean).join(', ')}]`);
writeFileSync(db, src);
console.log(`wrote ${file} and registered it in ${db}; run npm run build`);
