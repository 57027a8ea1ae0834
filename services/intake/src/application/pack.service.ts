import { Injectable } from '@nestjs/common';
import { Problem, type Caller } from '@safeguard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { access } from '../domain/access.js';
import type { Child } from '../domain/child.js';
import { PHOTO_MAX_BYTES, type InformationPack } from '../domain/information-pack.js';
import { AbsenceRepository } from '../repositories/absence.repository.js';
import { AuditRepository } from '../repositories/audit.repository.js';
import { ChildRepository } from '../repositories/child.repository.js';
import { PackRepository } from '../repositories/pack.repository.js';
import { reencodePhoto } from './photo-reencoding.js';

const NOT_FOUND = () => new Problem(404, 'Information pack not found', 'No information pack for this child in your scope');

/**
 * The police information pack. Carers keep it current; the police may read it only while the child has an open
 * episode in their force area. Every read is audited with the episode it was read for.
 */
@Injectable()
export class PackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly packs: PackRepository,
    private readonly children: ChildRepository,
    private readonly absences: AbsenceRepository,
    private readonly audit: AuditRepository,
  ) {}

  async put(caller: Caller, childId: string, part1: InformationPack) {
    return this.dataSource.transaction(async (em) => {
      access.assert('child.act', caller, await this.children.find(em, childId));
      await this.packs.savePart1(em, childId, part1, caller.sub);
      await this.audit.record(em, caller, 'pack.write', childId);
      return { childId, updated: true };
    });
  }

  async putPhoto(caller: Caller, childId: string, bytes: Buffer | undefined, takenOn: string) {
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw Problem.invalid([{ name: 'body', reason: 'a JPEG, PNG or WebP image is required' }]);
    if (bytes.length > PHOTO_MAX_BYTES) throw Problem.invalid([{ name: 'body', reason: `larger than ${PHOTO_MAX_BYTES} bytes` }]);
    // Only the re-encoded pixels are kept: the upload's EXIF (a GPS position can give away the placement) never is.
    const photo = await reencodePhoto(bytes);
    if (!photo.ok) throw Problem.invalid([{ name: 'body', reason: photo.reason }]);
    return this.dataSource.transaction(async (em) => {
      access.assert('child.act', caller, await this.children.find(em, childId));
      const saved = await this.packs.savePhoto(em, childId, { bytes: photo.bytes, type: photo.type, takenOn }, caller.sub);
      if (!saved) throw new Problem(409, 'No information pack yet', 'Save Part 1 of the pack before the photograph');
      await this.audit.record(em, caller, 'photo.write', childId);
      return { childId, photoType: photo.type, photoTakenOn: takenOn, bytes: photo.bytes.length, width: photo.width, height: photo.height };
    });
  }

  async get(caller: Caller, childId: string) {
    return this.dataSource.transaction(async (em) => {
      const { episodeId, child: c } = await this.readable(em, caller, childId);
      const pack = await this.packs.find(em, childId);
      if (!pack) throw NOT_FOUND();
      await this.audit.record(em, caller, 'pack.read', childId, episodeId);
      // Identity from the register completes Part 1 (name, date of birth, status, languages, contacts).
      const child = {
        givenName: c.givenName, familyName: c.familyName, dateOfBirth: c.dateOfBirth, legalStatus: c.legalStatus,
        placingCouncil: c.placingCouncil, trafficking: { status: c.traffickingStatus, since: c.traffickingSince }, uasc: c.uasc,
        ageAssessment: c.ageAssessment, ...c.details,
      };
      return { childId, child, ...pack, readFor: episodeId, audited: true };
    });
  }

  async photo(caller: Caller, childId: string): Promise<{ bytes: Buffer; type: string }> {
    return this.dataSource.transaction(async (em) => {
      const { episodeId } = await this.readable(em, caller, childId);
      const photo = await this.packs.photo(em, childId);
      if (!photo) throw new Problem(404, 'No photograph', 'No photograph in this information pack');
      await this.audit.record(em, caller, 'photo.read', childId, episodeId);
      return photo;
    });
  }

  /** Carers and councils in scope, or police with an open episode in their force; returns the child and that episode. */
  private async readable(em: EntityManager, caller: Caller, childId: string): Promise<{ child: Child; episodeId: string | null }> {
    const child = await this.children.find(em, childId);
    const open = child && (await this.absences.openEpisodeOf(em, childId));
    access.assert('pack.read', caller, { child, openIn: open?.policeForce });
    return { child: child!, episodeId: open?.episodeId ?? null };
  }
}
