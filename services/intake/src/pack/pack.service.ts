import { Injectable } from '@nestjs/common';
import { Problem, type Caller } from '@safeguard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { audit } from '../audit/audit.js';
import { ChildRow } from '../db/entities.js';
import { isPoliceRole } from '@safeguard/contracts';
import { mayActFor, policeOfForce } from '../domain/access.js';
import { photoType, PHOTO_MAX_BYTES, type InformationPack } from '../domain/information-pack.js';

const NOT_FOUND = () => new Problem(404, 'Information pack not found', 'No information pack for this child in your scope');

/**
 * The police information pack. Carers keep it current; the police may read it only while the child has an open
 * episode in their force area. Every read is audited with the episode it was read for.
 */
@Injectable()
export class PackService {
  constructor(private readonly dataSource: DataSource) {}

  async put(caller: Caller, childId: string, part1: InformationPack) {
    return this.dataSource.transaction(async (em) => {
      await this.writable(em, caller, childId);
      await em.query(
        `INSERT INTO information_pack (child_id, part1, updated_at, updated_by) VALUES ($1, $2, now(), $3)
         ON CONFLICT (child_id) DO UPDATE SET part1 = EXCLUDED.part1, updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [childId, JSON.stringify(part1), caller.sub],
      );
      await audit(em, caller, 'pack.write', childId);
      return { childId, updated: true };
    });
  }

  async putPhoto(caller: Caller, childId: string, bytes: Buffer | undefined, takenOn: string) {
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw Problem.invalid([{ name: 'body', reason: 'a JPEG or PNG image is required' }]);
    if (bytes.length > PHOTO_MAX_BYTES) throw Problem.invalid([{ name: 'body', reason: `larger than ${PHOTO_MAX_BYTES} bytes` }]);
    const type = photoType(bytes);
    if (!type) throw Problem.invalid([{ name: 'body', reason: 'not a JPEG or PNG image' }]);
    return this.dataSource.transaction(async (em) => {
      await this.writable(em, caller, childId);
      const [, count] = await em.query(
        'UPDATE information_pack SET photo = $2, photo_type = $3, photo_taken_on = $4, updated_at = now(), updated_by = $5 WHERE child_id = $1',
        [childId, bytes, type, takenOn, caller.sub],
      );
      if (count === 0) throw new Problem(409, 'No information pack yet', 'Save Part 1 of the pack before the photograph');
      await audit(em, caller, 'photo.write', childId);
      return { childId, photoType: type, photoTakenOn: takenOn, bytes: bytes.length };
    });
  }

  async get(caller: Caller, childId: string) {
    return this.dataSource.transaction(async (em) => {
      const { episodeId, child: c } = await this.readable(em, caller, childId);
      const [pack] = await em.query(
        `SELECT part1, photo_type AS "photoType", photo_taken_on AS "photoTakenOn", updated_at AS "updatedAt"
           FROM information_pack WHERE child_id = $1`,
        [childId],
      );
      if (!pack) throw NOT_FOUND();
      await audit(em, caller, 'pack.read', childId, episodeId);
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
      const [row] = await em.query('SELECT photo, photo_type AS type FROM information_pack WHERE child_id = $1', [childId]);
      if (!row?.photo) throw new Problem(404, 'No photograph', 'No photograph in this information pack');
      await audit(em, caller, 'photo.read', childId, episodeId);
      return { bytes: row.photo, type: row.type };
    });
  }

  private async writable(em: EntityManager, caller: Caller, childId: string) {
    const child = await em.getRepository(ChildRow).findOneBy({ id: childId });
    if (!child || !mayActFor(caller, child)) throw new Problem(404, 'Child not found', 'No child with this id in your scope');
  }

  /** Carers and councils in scope, or police with an open episode in their force; returns the child and that episode. */
  private async readable(em: EntityManager, caller: Caller, childId: string): Promise<{ child: ChildRow; episodeId: string | null }> {
    const child = await em.getRepository(ChildRow).findOneBy({ id: childId });
    if (!child) throw NOT_FOUND();
    const [open] = await em.query(
      `SELECT a.episode_id AS "episodeId", h.police_force_code AS force FROM absence a JOIN home h ON h.id = a.home_id
        WHERE a.child_id = $1 AND a.state = 'open'`,
      [childId],
    );
    if (isPoliceRole(caller.role)) {
      if (!policeOfForce(caller, open?.force)) throw NOT_FOUND();
      return { child, episodeId: open.episodeId };
    }
    if (!mayActFor(caller, child)) throw NOT_FOUND();
    return { child, episodeId: open?.episodeId ?? null };
  }
}
