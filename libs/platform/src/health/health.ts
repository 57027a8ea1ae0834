import { Controller, Get, HttpCode, Injectable, Res } from '@nestjs/common';
import { Public } from '../auth/guard.js';

type Check = () => Promise<unknown>;

/** Readiness checks registered by the pieces a service depends on (PostgreSQL, Kafka, Redis). */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, Check>();

  register(name: string, check: Check): void {
    this.checks.set(name, check);
  }

  async run(timeoutMs = 2_000): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
        });
        try {
          await Promise.race([check(), timeout]);
          return [name, 'up'] as const;
        } catch (error) {
          return [name, `down: ${(error as Error).message}`] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return { ready: entries.every(([, s]) => s === 'up'), checks: Object.fromEntries(entries) };
  }
}

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'up' };
  }

  @Get('ready')
  async ready(@Res() res: { status(n: number): { json(b: unknown): void } }) {
    const result = await this.registry.run();
    res.status(result.ready ? 200 : 503).json({ status: result.ready ? 'up' : 'down', checks: result.checks });
  }
}
