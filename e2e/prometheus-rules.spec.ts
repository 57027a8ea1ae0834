import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The alert rules are checked by Prometheus's own tool, from Debian's `prometheus` package (.ci/run installs it).
const dir = fileURLToPath(new URL('../infra/prometheus/', import.meta.url));
const promtool = (...args: string[]) => spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
const present = () => !promtool('--version').error;

/** As root on Debian or Ubuntu, installs the package as .ci/run does; the daemon it may start is not wanted. */
function install(): boolean {
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).error) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus'], { env, stdio: 'ignore', timeout: 600_000 });
  spawnSync('sh', ['-c', 'systemctl disable --now prometheus'], { stdio: 'ignore' });
  return present();
}

const found = present() || install();
if (!found) console.warn('SKIPPED infra/prometheus checks: promtool is not installed and could not be (needs root and apt-get: `apt-get install -y prometheus`)');
const withPromtool = found ? describe : describe.skip;

withPromtool('infra/prometheus (promtool)', () => {
  it.each([
    ['the alert rules are valid', ['check', 'rules', 'alerts.yml']],
    ['every alert rule passes its unit tests', ['test', 'rules', 'alerts.test.yml']],
    ['the scrape configuration is valid and loads the rules', ['check', 'config', 'prometheus.yml']],
  ])('%s', (_, args) => {
    const run = promtool(...args);
    expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('a wrong expectation fails the unit tests, so the check above can fail', () => {
    const wrong = join(mkdtempSync(join(tmpdir(), 'promtool-')), 'wrong.test.yml');
    writeFileSync(wrong, JSON.stringify({
      rule_files: [join(dir, 'alerts.yml')],
      evaluation_interval: '1m',
      tests: [{
        interval: '1m',
        input_series: [{ series: 'up{job="notifier",instance="notifier:3004"}', values: '0 0 0 0 0' }],
        alert_rule_test: [{ eval_time: '4m', alertname: 'ServiceDown', exp_alerts: [] }],
      }],
    }));
    const run = promtool('test', 'rules', wrong);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain('alertname: ServiceDown');
  });
});
