import { Injectable } from '@nestjs/common';
import type { EpisodeTrackerHttp, Served } from '@safeguard/contracts';
import type { Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { access, type EpisodePlace } from '../domain/access.js';
import { ViewsRepository, type TaskRow } from '../repositories/views.repository.js';

const minutesSince = (d: Date) => Math.round((Date.now() - new Date(d).getTime()) / 60_000);

/** A task as this caller gets it: whether they may complete it, and its outcome only if they may read it. */
function taskFor(caller: Caller, episode: EpisodePlace, t: TaskRow, now: Date): Served<EpisodeTrackerHttp.Task> {
  const { outcome, ...rest } = t;
  const about = { episode, kind: t.kind, now };
  return { ...rest, ...(access.may('readOutcome', caller, about) ? { outcome } : {}), mayComplete: access.may('completeTask', caller, about) };
}

/** What callers may read: episodes, alerts awaiting them, tasks, always within their scope. */
@Injectable()
export class ViewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: ViewsRepository,
  ) {}

  async episodes(caller: Caller, state?: string): Promise<Served<EpisodeTrackerHttp.EpisodeList>> {
    const now = new Date();
    const rows = (await this.views.episodes(this.dataSource.manager, caller.scope, state)).filter((e) => access.may('viewEpisode', caller, { episode: e, now }));
    return { episodes: rows.map((e) => ({ ...e, missingForMinutes: e.returnedAt ? null : minutesSince(e.discoveredAt) })) };
  }

  async episode(caller: Caller, id: string): Promise<Served<EpisodeTrackerHttp.EpisodeDetail>> {
    const now = new Date();
    const e = await this.views.episode(this.dataSource.manager, caller.scope, id);
    access.assert('viewEpisode', caller, { episode: e, now });
    const found = e!; // the rule hides an episode that does not exist
    return { ...found, tasks: found.tasks.map((t) => taskFor(caller, found, t, now)), missingForMinutes: found.returnedAt ? null : minutesSince(found.discoveredAt) };
  }

  async awaiting(caller: Caller): Promise<Served<EpisodeTrackerHttp.AwaitingAlerts>> {
    return { alerts: await this.views.awaiting(this.dataSource.manager, caller.role, caller.scope) };
  }

  async tasks(caller: Caller, f: { state?: string; due?: 'overdue' | 'today' }) {
    const now = Date.now();
    const dueBefore = f.due === 'overdue' ? new Date(now) : f.due === 'today' ? new Date(now + 86_400_000) : undefined;
    const rows = await this.views.tasks(this.dataSource.manager, caller.scope, { ...(f.state ? { state: f.state } : {}), ...(dueBefore ? { dueBefore } : {}) });
    const at = new Date(now);
    return {
      tasks: rows.filter((t) => access.may('viewEpisode', caller, { episode: t.episode, now: at }))
        .map(({ episode, ...t }) => taskFor(caller, episode, t, at)),
    };
  }
}
