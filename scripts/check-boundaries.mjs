// Module boundaries by Nx tags, on Nx's project graph (dependencies declared in each package.json, which is what
// npm workspaces resolve). Fails the build when a project depends on one its tags do not allow, or when a source
// file imports a @safeguard package its package.json does not declare (which would hide an edge from the graph).
// Test files may import @safeguard/testing undeclared.
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
for (const node of Object.values(graph.nodes)) {
  const root = node.data.root;
  const declared = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {});
  for (const file of walk(root)) {
    const isTest = /\.(spec|int-spec|e2e-spec)\.ts$/.test(file);
    for (const [, pkg] of readFileSync(file, 'utf8').matchAll(/from '(@safeguard\/[a-z-]+)'/g)) {
      // Tests may use the harness without a package dependency (it would be a cycle for platform).
      if (isTest && pkg === '@safeguard/testing') continue;
      if (!declared.includes(pkg)) problems.push(`${file} imports ${pkg}, which ${root}/package.json does not declare`);
    }
  }
}

if (problems.length > 0) {
  console.error(`module boundaries violated:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`module boundaries: ${Object.keys(graph.nodes).length} projects, all dependencies allowed`);
