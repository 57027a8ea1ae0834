import { Injectable } from '@nestjs/common';
import { collectionYearBounds, collectionYearStarting, ukClock, type IntakeHttp } from '@safeguard/contracts';
import type { Caller } from '@safeguard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { access } from '../domain/access.js';
import { reasonableGroundsWatch } from '../domain/nrm.js';
import { hourByWeekday, links, places, repeatsByChild } from '../domain/patterns.js';
import {
  EPISODES_COLUMNS, EPISODES_KNOWN, HEADER_COLUMNS, HEADER_KNOWN, MISSING_COLUMNS, normaliseChildId, returnTables, SSDA903_RULES, validateReturn,
  type Entry,
} from '../domain/ssda903/index.js';
import { AuditRepository } from '../repositories/audit.repository.js';
import { InsightRepository, type EpisodeRecord } from '../repositories/insight.repository.js';

/**
 * The statutory return and the prevention patterns of one council and collection year, for its managers only; the
 * watch on its NRM referrals, for them and its social workers and NRM first responders.
 */
@Injectable()
export class InsightService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: InsightRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** The Missing table with every rule failure, each naming the child, the DfE's words and what to change here. */
  async missingReturn(caller: Caller, council: string, year: string) {
    access.assert('insight.view', caller, council);
    return this.dataSource.transaction(async (em) => {
      const { tables, named } = await this.tablesOf(em, council, year);
      const failures = validateReturn(tables);
      await this.audit.recordEach(em, caller, 'insight.return', [...new Set(tables.missing.map((e) => e.childId))]);
      return {
        council, year, columns: [...MISSING_COLUMNS], checkedRules: SSDA903_RULES.map((r) => r.code),
        rules: SSDA903_RULES.map(({ code, message, table, fields, fix }) => ({ code, message, table, fields, fix })),
        rows: tables.missing.map((e) => ({ ...e.row, episodeReference: e.ref, childId: e.childId })),
        failures: failures.map((f) => ({ ...f, ...named(f.childId) })),
        tables: {
          Header: { columns: [...HEADER_COLUMNS], known: [...HEADER_KNOWN], rows: tables.header.length },
          Episodes: { columns: [...EPISODES_COLUMNS], known: [...EPISODES_KNOWN], rows: tables.episodes.length },
        },
      };
    });
  }

  /** The Header or Episodes table, as far as intake knows it (the other columns blank). Each child listed is audited. */
  async returnTable(caller: Caller, council: string, year: string, table: 'header' | 'episodes') {
    access.assert('insight.view', caller, council);
    return this.dataSource.transaction(async (em) => {
      const { tables } = await this.tablesOf(em, council, year);
      const entries: Entry<Record<string, string>>[] = table === 'header' ? tables.header : tables.episodes;
      await this.audit.recordEach(em, caller, 'insight.return', [...new Set(entries.map((e) => e.childId))]);
      return {
        council, year,
        columns: [...(table === 'header' ? HEADER_COLUMNS : EPISODES_COLUMNS)],
        known: [...(table === 'header' ? HEADER_KNOWN : EPISODES_KNOWN)],
        rows: entries.map((e) => ({ ...e.row, childId: e.childId })),
      };
    });
  }

  /** This year's Header, Episodes and Missing tables and last year's Missing table, from intake's records. */
  private async tablesOf(em: EntityManager, council: string, year: string) {
    const previousYear = collectionYearStarting(Number(year.slice(0, 4)) - 1);
    const children = await this.repo.children(em, council);
    const days = (episodes: EpisodeRecord[]) => episodes.map((e) => ({
      ...e, startedOn: ukClock(e.lastSeenAt).day, endedOn: e.returnedAt ? ukClock(e.returnedAt).day : null,
    }));
    const tables = returnTables({
      year, previousYear, children, placements: await this.repo.placements(em, council),
      absences: days(await this.repo.episodes(em, council, year)),
      absencesLastYear: days(await this.repo.episodes(em, council, previousYear)),
    });
    return { tables, named: whoIs(children) };
  }

  /** The council's children waiting for a Reasonable Grounds decision, soonest due first (as of today, UK). Each is audited. */
  async nrmWatch(caller: Caller, council: string, now = new Date()): Promise<IntakeHttp.NrmWatch> {
    access.assert('nrm.watch', caller, council);
    return this.dataSource.transaction(async (em) => {
      const waiting = await this.repo.awaitingReasonableGrounds(em, council);
      await this.audit.recordEach(em, caller, 'insight.nrm-watch', waiting.map((c) => c.childId));
      return { council, children: reasonableGroundsWatch(waiting, ukClock(now).day) };
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
      const who = whoIs(episodes);
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
}

/** The return's CHILD and the name, by child id, for staff reading a failure or a pattern (never logged). */
function whoIs(records: { childId: string; laChildId: string | null; childName: string }[]) {
  const byId = new Map(records.map((r) => [r.childId, { CHILD: normaliseChildId(r.laChildId), childName: r.childName }]));
  return (childId: string) => byId.get(childId) ?? { CHILD: '', childName: '' };
}
