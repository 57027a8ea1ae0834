import { Injectable } from '@nestjs/common';
import type { EpisodeTrackerHttp, Served } from '@safeguard/contracts';
import { Problem, type Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { ViewsRepository } from '../repositories/views.repository.js';

const minutesSince = (d: Date) => Math.round((Date.now() - new Date(d).getTime()) / 60_000);

/** What callers may read: episodes, alerts awaiting them, tasks, always within their scope. */
@Injectable()
export class ViewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: ViewsRepository,
  ) {}

  async episodes(caller: Caller, state?: string): Promise<Served<EpisodeTrackerHttp.EpisodeList>> {
    const rows = await this.views.episodes(this.dataSource.manager, caller.scope, state);
    return { episodes: rows.map((e) => ({ ...e, missingForMinutes: e.returnedAt ? null : minutesSince(e.discoveredAt) })) };
  }

  async episode(caller: Caller, id: string): Promise<Served<EpisodeTrackerHttp.EpisodeDetail>> {
    const e = await this.views.episode(this.dataSource.manager, caller.scope, id);
    if (!e) throw new Problem(404, 'Episode not found', 'No episode with this id in your scope');
    return { ...e, missingForMinutes: e.returnedAt ? null : minutesSince(e.discoveredAt) };
  }

  async awaiting(caller: Caller): Promise<Served<EpisodeTrackerHttp.AwaitingAlerts>> {
    return { alerts: await this.views.awaiting(this.dataSource.manager, caller.role, caller.scope) };
  }

  async tasks(caller: Caller, f: { state?: string; due?: 'overdue' | 'today' }) {
    const now = Date.now();
    const dueBefore = f.due === 'overdue' ? new Date(now) : f.due === 'today' ? new Date(now + 86_400_000) : undefined;
    return { tasks: await this.views.tasks(this.dataSource.manager, caller.scope, { ...(f.state ? { state: f.state } : {}), ...(dueBefore ? { dueBefore } : {}) }) };
  }
}
