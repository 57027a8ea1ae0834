import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// There is no Docker engine on the project's machines, so the Dockerfile is read and checked here instead of built.
const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

type Instruction = { op: string; args: string[]; flags: Record<string, string> };
type Stage = { name: string; image: string; steps: Instruction[] };

/** Enough of the Dockerfile grammar for this file: comments, line continuations, --flags and JSON arguments. */
function stagesOf(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line)!;
    const words = rest!.startsWith('[') ? (JSON.parse(rest!) as string[]) : rest!.split(/\s+/);
    // Only COPY and ADD take --flags before their arguments; a RUN's --omit=dev belongs to its command.
    const flagged = ['COPY', 'ADD'].includes(op!.toUpperCase()) ? (w: string) => /^--\w+=/.test(w) : () => false;
    const flags = Object.fromEntries(words.filter(flagged).map((w) => w.slice(2).split('=') as [string, string]));
    const step = { op: op!.toUpperCase(), args: words.filter((w) => !flagged(w)), flags };
    if (step.op === 'ARG' && stages.length === 0) {
      const [name, value] = step.args[0]!.split('=');
      args[name!] = value ?? '';
    } else if (step.op === 'FROM') {
      const image = step.args[0]!.replace(/\$\{(\w+)\}/g, (_, n: string) => args[n] ?? '');
      stages.push({ image, name: step.args[1]?.toUpperCase() === 'AS' ? step.args[2]! : String(stages.length), steps: [] });
    } else {
      stages.at(-1)!.steps.push(step);
    }
  }
  return stages;
}

const stages = stagesOf(read('Dockerfile'));
const stage = (name: string) => stages.find((s) => s.name === name)!;
const runs = (s: Stage) => s.steps.filter((i) => i.op === 'RUN').map((i) => i.args.join(' '));
const copies = (s: Stage) => s.steps.filter((i) => i.op === 'COPY' || i.op === 'ADD')
  .map((i) => ({ from: i.flags.from, sources: i.args.slice(0, -1), dest: normalize(i.args.at(-1)!).replace(/\/$/, '') }));

// The workspaces the services need: every service and, transitively, the @safeguard packages they depend on.
const manifests = ['libs', 'services'].flatMap((d) => readdirSync(join(root, d)).map((n) => `${d}/${n}`))
  .filter((dir) => existsSync(join(root, dir, 'package.json')))
  .map((dir) => ({ dir, pkg: JSON.parse(read(`${dir}/package.json`)) as { name: string; dependencies?: Record<string, string> } }));
const needed = new Set(manifests.filter((m) => m.dir.startsWith('services/')).map((m) => m.dir));
for (let grown = true; grown;) {
  grown = false;
  for (const m of manifests.filter((x) => needed.has(x.dir))) {
    for (const dep of Object.keys(m.pkg.dependencies ?? {})) {
      const lib = manifests.find((x) => x.pkg.name === dep);
      if (lib && !needed.has(lib.dir)) { needed.add(lib.dir); grown = true; }
    }
  }
}

// Files a workspace reads at run time from outside its dist/: paths built from import.meta.url in its sources,
// resolved from where the compiled file sits (src/a/b.ts runs as dist/a/b.js).
const NOT_IN_IMAGE: Record<string, string> = {
  'libs/contracts/src/asyncapi/write.ts': 'writes asyncapi.json into the repository: a developer tool (npm run asyncapi)',
  'services/episode-tracker/src/policy-schema.ts': 'writes docs/escalation-policy.schema.json: a developer tool',
};
const sourceFiles = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? sourceFiles(`${dir}/${e.name}`) : /(?<!\.(spec|int-spec|e2e-spec))\.ts$/.test(e.name) ? [`${dir}/${e.name}`] : []);
const outside: { file: string; path: string }[] = [];
const packagesResolved: { workspace: string; pkg: string }[] = [];
for (const workspace of needed) {
  for (const file of sourceFiles(`${workspace}/src`).filter((f) => !NOT_IN_IMAGE[f])) {
    const text = read(file);
    const compiledDir = dirname(file.replace(`${workspace}/src/`, `${workspace}/dist/`));
    const literals = (list: string) => [...list.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
    for (const m of text.matchAll(/join\(dirname\(fileURLToPath\(import\.meta\.url\)\),([^)]*)\)/g)) {
      outside.push({ file, path: normalize(join(compiledDir, ...literals(m[1]!))) });
    }
    for (const m of text.matchAll(/new URL\('([^']*)', import\.meta\.url\)/g)) outside.push({ file, path: normalize(join(compiledDir, m[1]!)) });
    for (const m of text.matchAll(/createRequire\(import\.meta\.url\)\.resolve\('((?:@[^/']+\/)?[^/']+)/g)) packagesResolved.push({ workspace, pkg: m[1]! });
  }
}
const readFromOutsideDist = outside.filter(({ path }) => ![...needed].some((w) => path === `${w}/dist` || path.startsWith(`${w}/dist/`)));

describe('Dockerfile (the production image)', () => {
  const build = stage('build');
  const deps = stage('deps');
  const runtime = stages.at(-1)!;

  it('builds with every dependency in one stage and runs from another on the same Node base', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime']);
    expect(new Set(stages.map((s) => s.image))).toEqual(new Set([expect.stringMatching(/^node:24-/)]));
    expect(runs(build).some((r) => /\bnpm ci\b/.test(r) && !/--omit=dev|--production/.test(r))).toBe(true);
    expect(runs(build).some((r) => /\bnpm run build\b/.test(r))).toBe(true);
  });

  it('installs production dependencies only, for exactly the workspaces the services need', () => {
    expect([...needed].sort()).toEqual(expect.arrayContaining(['libs/contracts', 'libs/platform', 'services/web']));
    expect(needed.has('libs/testing')).toBe(false);
    const install = runs(deps).filter((r) => /\bnpm ci\b/.test(r));
    expect(install).toHaveLength(1);
    expect(install[0]).toContain('--omit=dev');
    const workspaces = [...install[0]!.matchAll(/(?:-w|--workspace)[ =](\S+)/g)].map((m) => m[1]!).sort();
    expect(workspaces).toEqual([...needed].sort());
  });

  it('runs as node, in production, with no package installs and nothing from the build context', () => {
    expect(runs(runtime).filter((r) => /\b(npm|yarn|pnpm)\b/.test(r))).toEqual([]);
    expect(runtime.steps.filter((i) => i.op === 'USER').at(-1)?.args).toEqual(['node']);
    const env = runtime.steps.filter((i) => i.op === 'ENV').flatMap((i) => i.args);
    expect(env).toContain('NODE_ENV=production');
    expect(copies(runtime).filter((c) => !c.from)).toEqual([]);
    expect(copies(runtime).filter((c) => c.from === 'deps')).toEqual([{ from: 'deps', sources: ['/app'], dest: '.' }]);
    expect(runtime.steps.find((i) => i.op === 'WORKDIR')?.args).toEqual(['/app']);
  });

  it('copies from the build only each workspace\'s dist/ and the files read from outside it', () => {
    const fromBuild = copies(runtime).filter((c) => c.from === 'build');
    const allowed = new Set(readFromOutsideDist.map((o) => o.path));
    for (const c of fromBuild) {
      expect(c.sources).toHaveLength(1);
      const source = relative('/app', c.sources[0]!);
      expect({ source, dest: c.dest }).toEqual({ source: c.dest, dest: c.dest });
      const kind = /^(libs|services)\/[^/]+\/dist$/.test(source) ? 'dist' : allowed.has(source) ? 'read at run time'
        : source === 'scripts/create-topics.mjs' ? 'compose topics job' : 'unexpected';
      expect({ source, kind }).toEqual({ source, kind: expect.not.stringMatching(/unexpected/) });
      expect({ source, test: /(^|\/)(test|e2e)(\/|$)|\.spec\.|(^|\/)src$/.test(source) }).toEqual({ source, test: false });
    }
    for (const w of needed) expect(fromBuild.map((c) => c.dest)).toContain(`${w}/dist`);
  });

  it('copies every path a service reads from outside dist/ (templates, static files), and those paths exist', () => {
    // The scan must find the known ones, or it is scanning nothing.
    expect(readFromOutsideDist.map((o) => o.path)).toEqual(expect.arrayContaining(
      ['services/web/src/views', 'services/web/static', 'services/notifier/src/views']));
    const dests = copies(runtime).map((c) => c.dest);
    for (const { file, path } of readFromOutsideDist) {
      expect({ file, path, exists: existsSync(join(root, path)) }).toEqual({ file, path, exists: true });
      expect({ file, path, copied: dests.some((d) => path === d || path.startsWith(`${d}/`)) }).toEqual({ file, path, copied: true });
    }
  });

  it('installs, as production dependencies, every package a service resolves files from (govuk-frontend)', () => {
    expect(packagesResolved.map((p) => p.pkg)).toContain('govuk-frontend');
    for (const { workspace, pkg } of packagesResolved) {
      const deps = manifests.find((m) => m.dir === workspace)!.pkg.dependencies ?? {};
      expect({ workspace, pkg, production: pkg in deps }).toEqual({ workspace, pkg, production: true });
    }
  });

  it('holds every file docker-compose.yml runs', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { build?: string; command?: string[] }> };
    const dests = copies(runtime).map((c) => c.dest);
    const scripts = Object.values(compose.services).filter((s) => s.build)
      .flatMap((s) => [...(s.command ?? []).join(' ').matchAll(/\bnode\s+(\S+\.m?js)\b/g)].map((m) => m[1]!));
    expect(scripts).toEqual(expect.arrayContaining(['services/web/dist/main.js', 'scripts/create-topics.mjs', 'services/intake/dist/seed.js']));
    for (const script of new Set(scripts)) {
      expect({ script, copied: dests.some((d) => script === d || script.startsWith(`${d}/`)) }).toEqual({ script, copied: true });
    }
  });

  it('keeps history, local state, secrets, installs, builds and tests out of the build context (.dockerignore)', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const pattern of ['.git', '**/node_modules', '**/dist', 'test-output', '.run', '.env', '**/test', '**/*.spec.ts']) {
      expect(ignored).toContain(pattern);
    }
    // The build stage copies every workspace manifest, e2e's included, so that one must stay in the context.
    expect(ignored.indexOf('!e2e/package.json')).toBeGreaterThan(ignored.indexOf('e2e/*'));
  });
});
