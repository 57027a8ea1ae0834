// Module boundaries by Nx tags, on Nx's project graph (dependencies declared in each package.json, which is what
// npm workspaces resolve). Fails the build when a project depends on one its tags do not allow, when production code
// (a project's src/) imports a @safeguard package its package.json does not declare (which would hide an edge from
// the graph), and when a service breaks the middle-layer rule as far as text can show it (docs/architecture.md):
// SQL outside repositories, migrations and seeds; framework or I/O imports in src/domain/; integration specs in src/.
// Integration specs live in each project's test/ folder, where they use @safeguard/testing.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** type → the types it may depend on. Services never depend on each other: they talk through Kafka. */
const ALLOWED = {
  'type:contracts': [],
  'type:platform': ['type:contracts'],
  'type:testing': ['type:contracts', 'type:platform'],
  'type:service': ['type:contracts', 'type:platform'],
  'type:app': ['type:contracts', 'type:platform'],
  'type:e2e': ['type:contracts', 'type:platform', 'type:testing'],
};

const out = '.nx/graph.json';
execFileSync('npx', ['nx', 'graph', `--file=${out}`], { stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
const { graph } = JSON.parse(readFileSync(out, 'utf8'));
const typeOf = (name) => (graph.nodes[name]?.data.tags ?? []).find((t) => t.startsWith('type:'));
const problems = [];

for (const [name, deps] of Object.entries(graph.dependencies)) {
  if (!graph.nodes[name]) continue;
  const from = typeOf(name);
  if (!from) problems.push(`${name} has no type: tag`);
  for (const { target } of deps) {
    if (!graph.nodes[target]) continue; // npm packages
    const to = typeOf(target);
    if (!ALLOWED[from]?.includes(to)) problems.push(`${name} (${from}) must not depend on ${target} (${to})`);
  }
}

const walk = (dir) => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  if (['node_modules', 'dist'].includes(f)) return [];
  return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
});
const SQL = /\.query\(|createQueryBuilder\(|getRepository\(|\.manager\.(save|insert|update|delete|find)/;
const SQL_HOMES = /\/(repositories|db)\/|\/seed\.ts$|\/bench\//;
const NOT_IN_DOMAIN = /from '(@nestjs\/[^']+|typeorm|pg|ioredis|bullmq|kafkajs|nodemailer|@safeguard\/platform)'/;
for (const node of Object.values(graph.nodes)) {
  const root = node.data.root;
  const src = join(root, 'src');
  const declared = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {});
  let files;
  try { files = walk(src); } catch { continue; } // e2e has no src/: its specs may use the harness it declares
  const service = node.data.tags?.some((t) => t === 'type:service' || t === 'type:app');
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (/\.(int-spec|e2e-spec)\.ts$/.test(file)) { problems.push(`${file}: integration specs belong in ${root}/test/`); continue; }
    const isSpec = file.endsWith('.spec.ts');
    for (const [, pkg] of text.matchAll(/from '(@safeguard\/[a-z-]+)(?:\/[a-z-]+)?'/g)) {
      if (!declared.includes(pkg)) problems.push(`${file} imports ${pkg}, which ${root}/package.json does not declare`);
    }
    if (!service || isSpec) continue;
    if (SQL.test(text) && !SQL_HOMES.test(file)) problems.push(`${file}: SQL belongs in a repository (src/repositories/)`);
    if (file.includes('/src/domain/') && NOT_IN_DOMAIN.test(text)) {
      problems.push(`${file}: the domain imports ${NOT_IN_DOMAIN.exec(text)[1]} (only @safeguard/contracts and @safeguard/platform/policy)`);
    }
  }
}

if (problems.length > 0) {
  console.error(`module boundaries violated:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`module boundaries: ${Object.keys(graph.nodes).length} projects, all dependencies allowed`);
