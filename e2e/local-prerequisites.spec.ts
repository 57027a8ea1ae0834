import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// infra/local/prerequisites.sh on a "fresh machine": a copy of the script in an empty checkout, run with a PATH that
// holds only the shell tools it uses plus the stand-ins a case gives it. Nothing is installed: apt-get is a stand-in
// that records its arguments.
const script = fileURLToPath(new URL('../infra/local/prerequisites.sh', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'prereq-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const which = (tool: string) => spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
const CLOSED = '1'; // nothing answers on port 1

let n = 0;
function machine(opts: { tools?: string[]; uid?: number; apt?: boolean; brokerJars?: boolean }) {
  const dir = join(work, String(n++));
  mkdirSync(join(dir, 'infra/local'), { recursive: true });
  mkdirSync(join(dir, 'infra/kafka'), { recursive: true });
  mkdirSync(join(dir, 'bin'));
  copyFileSync(script, join(dir, 'infra/local/prerequisites.sh'));
  writeFileSync(join(dir, 'infra/kafka/pom.xml'), '<project/>');
  utimesSync(join(dir, 'infra/kafka/pom.xml'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000)); // jars resolved after
  if (opts.brokerJars) {
    mkdirSync(join(dir, 'infra/kafka/lib'));
    writeFileSync(join(dir, 'infra/kafka/lib/.complete'), '');
  }
  for (const tool of ['bash', 'dirname', 'awk', 'sed', 'uname', 'cat']) symlinkSync(which(tool), join(dir, 'bin', tool));
  const stub = (name: string, body: string) => { writeFileSync(join(dir, 'bin', name), `#!${which('bash')}\n${body}\n`); chmodSync(join(dir, 'bin', name), 0o755); };
  stub('id', `echo ${opts.uid ?? 1000}`);
  for (const tool of opts.tools ?? []) stub(tool, 'exit 0');
  if (opts.apt) stub('apt-get', `echo "apt-get $*" >> ${join(dir, 'apt.log')}`);
  return dir;
}
function run(dir: string, args: string[] = [], ports: { pg?: string; redis?: string } = {}) {
  const r = spawnSync(join(dir, 'bin/bash'), [join(dir, 'infra/local/prerequisites.sh'), ...args], {
    encoding: 'utf8', env: { PATH: join(dir, 'bin'), POSTGRES_PORT: ports.pg ?? CLOSED, REDIS_PORT: ports.redis ?? CLOSED },
  });
  const apt = spawnSync('cat', [join(dir, 'apt.log')], { encoding: 'utf8' }).stdout;
  return { status: r.status, out: r.stdout + r.stderr, apt };
}
const everything = ['node', 'npm', 'curl', 'java', 'mvn', 'pg_ctlcluster', 'redis-server'];

describe('infra/local/prerequisites.sh', () => {
  it('--check names everything a fresh machine lacks, with its Debian package, and installs nothing', () => {
    const dir = machine({ apt: true, uid: 0 });
    const { status, out, apt } = run(dir, ['--check']);
    expect(status).toBe(1);
    expect(out.split('\n').filter(Boolean)).toEqual([
      'prerequisites: missing: node (nodejs npm)', 'prerequisites: missing: curl (curl)',
      'prerequisites: missing: java (default-jre-headless)', 'prerequisites: missing: maven (maven)',
      'prerequisites: missing: postgresql (postgresql)', 'prerequisites: missing: redis (redis-server)',
    ]);
    expect(apt).toBe('');
  });

  it('as root on Debian/Ubuntu, installs what is missing through apt-get', () => {
    const dir = machine({ apt: true, uid: 0, tools: ['node', 'npm', 'curl'] });
    const { status, apt } = run(dir);
    expect(status).toBe(0);
    expect(apt.split('\n').filter(Boolean)).toEqual([
      'apt-get update -q', 'apt-get install -y -q default-jre-headless maven postgresql redis-server',
    ]);
  });

  it('as another user, prints the exact commands and stops', () => {
    const dir = machine({ apt: true, uid: 1000, tools: ['node', 'npm'] });
    const { status, out, apt } = run(dir);
    expect(status).toBe(1);
    expect(out).toContain('  sudo apt-get update && sudo apt-get install -y curl default-jre-headless maven postgresql redis-server\n');
    expect(apt).toBe('');
  });

  it('without apt-get, names the packages for another package manager', () => {
    const { status, out } = run(machine({ uid: 0, tools: ['node', 'npm', 'curl', 'java', 'mvn'] }));
    expect(status).toBe(1);
    expect(out).toMatch(/(brew install postgresql@16 redis|package manager: postgresql redis-server)\n/);
  });

  it('needs no Maven once the broker jars are resolved, and no local server where one already answers', async () => {
    const servers = await Promise.all([0, 1].map(() => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const s = createServer((c) => c.end()); s.listen(0, '127.0.0.1', () => resolve(s));
    })));
    const [pg, redis] = servers.map((s) => String((s.address() as { port: number }).port));
    try {
      const dir = machine({ apt: true, uid: 0, tools: ['node', 'npm', 'curl', 'java'], brokerJars: true });
      expect(run(dir, ['--check'], { pg, redis })).toEqual({ status: 0, out: '', apt: '' });
      expect(run(dir, ['--check'], { redis }).out).toBe('prerequisites: missing: postgresql (postgresql)\n');
    } finally {
      for (const s of servers) s.close();
    }
  });

  it('passes on a machine that has everything', () => {
    expect(run(machine({ apt: true, uid: 0, tools: everything }), ['--check'])).toEqual({ status: 0, out: '', apt: '' });
  });
});
