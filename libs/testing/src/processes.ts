import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A service started as a real process from its build, logging to test-output/<label>/<service>.log. */
export class ServiceProcess {
  private child?: ChildProcess;

  constructor(
    readonly service: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly label: string,
    /** Which health endpoint means started: ready (all dependencies up) or live (e.g. started while Kafka is down). */
    private readonly waitFor: 'ready' | 'live' = 'ready',
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Where this process's stdout and stderr go. */
  get logFile(): string {
    return `${ROOT}test-output/${this.label}/${this.service}.log`;
  }

  async start(): Promise<this> {
    const dir = `${ROOT}test-output/${this.label}`;
    mkdirSync(dir, { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.child = spawn(process.execPath, [`${ROOT}services/${this.service}/dist/main.js`], {
      env: { ...process.env, ...this.env, PORT: String(this.port), KAFKAJS_NO_PARTITIONER_WARNING: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.pipe(log);
    this.child.stderr!.pipe(log);
    let exited: number | null = null;
    this.child.once('exit', (code) => (exited = code ?? -1));
    await eventually(async () => {
      if (exited !== null) throw new Error(`${this.service} exited with ${exited}; see ${dir}/${this.service}.log`);
      const res = await fetch(`${this.url}/health/${this.waitFor}`);
      if (res.status !== 200) throw new Error(`${this.service} not ready: ${await res.text()}`);
    }, { timeoutMs: 60_000, intervalMs: 200 });
    return this;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
