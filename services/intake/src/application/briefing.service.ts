import { Injectable } from '@nestjs/common';
import { ukClock, type IntakeHttp } from '@safeguard/contracts';
import type { Caller } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import { access } from '../domain/access.js';
import { policeBriefing, recordedReport } from '../domain/briefing.js';
import { AbsenceRepository } from '../repositories/absence.repository.js';
import { AuditRepository } from '../repositories/audit.repository.js';
import { ChildRepository } from '../repositories/child.repository.js';
import { PackRepository } from '../repositories/pack.repository.js';

/**
 * Reads of the pack for an episode. The police briefing for an open episode: a disclosure of the child's personal data to the force of the home's area,
 * audited with the episode in the same transaction as the read.
 */
@Injectable()
export class BriefingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly absences: AbsenceRepository,
    private readonly children: ChildRepository,
    private readonly packs: PackRepository,
    private readonly audit: AuditRepository,
  ) {}

  async read(caller: Caller, episodeId: string, now = new Date()): Promise<IntakeHttp.PoliceBriefing> {
    return this.dataSource.transaction(async (em) => {
      const found = await this.absences.briefing(em, episodeId);
      access.assert('briefing.read', caller, found);
      const episode = found!; // the rule hides an episode that does not exist
      const child = (await this.children.find(em, episode.childId))!; // the register never removes a child
      const pack = await this.packs.find(em, child.id);
      const earlier = await this.absences.returnedEpisodes(em, child.id, episodeId);
      await this.audit.record(em, caller, 'briefing.read', child.id, episodeId);
      return policeBriefing(episode, child, pack, ukClock(now).day, earlier);
    });
  }

  /** What has been recorded of an absence (Part 2), for those acting for the child: part of the pack, so audited too. */
  async recorded(caller: Caller, episodeId: string): Promise<IntakeHttp.AbsenceReport> {
    return this.dataSource.transaction(async (em) => {
      const found = await this.absences.briefing(em, episodeId);
      access.assert('episode.read', caller, found);
      await this.audit.record(em, caller, 'report.read', found!.childId, episodeId);
      return recordedReport(found!);
    });
  }
}
