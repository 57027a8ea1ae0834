import { Injectable } from '@nestjs/common';
import { collectionYearBounds, ukClock } from '@safeguard/contracts';
import type { Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { access } from '../domain/access.js';
import { hourByWeekday, links, places, repeatsByChild } from '../domain/patterns.js';
import { MISSING_COLUMNS, MISSING_RULES, missingRows, validateMissing } from '../domain/ssda903.js';
import { AuditRepository } from '../repositories/audit.repository.js';
import { InsightRepository, type EpisodeRecord } from '../repositories/insight.repository.js';

/** The statutory return and the prevention patterns of one council and collection year, for its managers only. */
@Injectable()
export class InsightService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: InsightRepository,
    private readonly audit: AuditRepository,
  ) {}

  async missingReturn(caller: Caller, council: string, year: string) {
    access.assert('insight.view', caller, council);
    return this.dataSource.transaction(async (em) => {
      const episodes = await this.repo.episodes(em, council, year);
      const rows = missingRows(episodes.map((e) => ({
        ...e, startedOn: ukClock(e.lastSeenAt).day, endedOn: e.returnedAt ? ukClock(e.returnedAt).day : null,
      })), year);
      const childIds = [...new Set(rows.map((r) => r.childId))];
      const failures = validateMissing(rows, await this.repo.placements(em, childIds), year);
      const who = this.whoIs(episodes);
      await this.audit.recordEach(em, caller, 'insight.return', childIds);
      return {
        council, year, columns: MISSING_COLUMNS, checkedRules: MISSING_RULES.map((r) => r.code),
        rows: rows.map((r) => ({ ...r.row, episodeReference: r.reference, childId: r.childId })),
        failures: failures.map((f) => ({ ...f, ...who(f.childId) })),
      };
    });
  }

  async patterns(caller: Caller, council: string, year: string, now = new Date()) {
    access.assert('insight.view', caller, council);
    return this.dataSource.transaction(async (em) => {
      const { start, end } = collectionYearBounds(year);
      const episodes = (await this.repo.episodes(em, council, year)).filter((e) => {
        const day = ukClock(e.lastSeenAt).day;
        return day >= start && day <= end;
      });
      const childIds = [...new Set(episodes.map((e) => e.childId))];
      // An episode still open counts as open until now, or the year's end when looking back at a past year.
      const yearEnd = new Date(`${end}T23:59:59Z`);
      const found = links(episodes, await this.repo.associates(em, childIds), now < yearEnd ? now : yearEnd);
      const who = this.whoIs(episodes);
      await this.audit.recordEach(em, caller, 'insight.patterns', childIds);
      return {
        council, year, episodes: episodes.length, children: childIds.length,
        hourByWeekday: hourByWeekday(episodes),
        repeats: repeatsByChild(episodes, year).map((r) => ({ ...r, ...who(r.childId) })),
        places: places(episodes),
        links: found.map((l) => ({ ...l, children: l.children.map((c) => ({ childId: c, ...who(c) })) })),
      };
    });
  }

  private whoIs(episodes: EpisodeRecord[]) {
    const byId = new Map(episodes.map((e) => [e.childId, { CHILD: e.laChildId ?? '', childName: e.childName }]));
    return (childId: string) => byId.get(childId) ?? { CHILD: '', childName: '' };
  }
}
