import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, LOGGER } from '@safeguard/platform';
import type { Logger } from 'pino';
import type { TrackerConfig } from '../config.js';
import { DEFAULT_POLICY } from '../domain/default-policy.js';
import { loadPolicy, type Policy } from '../domain/policy.js';

/** Escalation policies per council, validated when the service starts (a bad policy stops it). */
@Injectable()
export class PolicyStore {
  private readonly byCouncil = new Map<string, Policy>();
  private readonly fallback: Policy;

  constructor(@Inject(CONFIG) config: TrackerConfig, @Inject(LOGGER) logger: Logger) {
    const files = config.ESCALATION_POLICY_FILES;
    const loaded = files.map((f) => loadPolicy(JSON.parse(readFileSync(f, 'utf8'))));
    for (const p of loaded) this.byCouncil.set(p.council, p);
    this.fallback = this.byCouncil.get('*') ?? loadPolicy(DEFAULT_POLICY);
    logger.info({ policies: [...this.byCouncil.values(), this.fallback].map((p) => `${p.council}:${p.version}`) }, 'escalation policies loaded');
  }

  forCouncil(council: string): Policy {
    return this.byCouncil.get(council) ?? this.fallback;
  }
}
