import { Injectable } from '@nestjs/common';
import { collectionYearBounds } from '@safeguard/contracts';
import type { EntityManager } from 'typeorm';
import { AWAITING_REASONABLE_GROUNDS, type AwaitingDecision } from '../domain/nrm.js';
import type { ChildFacts, PlacementDays } from '../domain/ssda903/index.js';

export interface EpisodeRecord {
  episodeId: string;
  reference: string;
  childId: string;
  laChildId: string | null;
  childName: string;
  dateOfBirth: string;
  homeId: string;
  classification: string;
  lastSeenAt: Date;
  lastSeenWhere: string;
  returnedAt: Date | null;
  foundWhere: string | null;
}

export interface ChildRecord extends ChildFacts {
  childName: string;
}

/** All of intake's SQL for the return and the patterns; the rules are in the domain. */
@Injectable()
export class InsightRepository {
  /**
   * Episodes of children the council places that started in the collection year or were open at some time in it
   * (a record whose end is wrongly before its start is still returned, so the rules can flag it). The window is a day
   * wider each side than the year: the domain cuts it on UK calendar days.
   */
  async episodes(em: EntityManager, council: string, year: string): Promise<EpisodeRecord[]> {
    const { start, end } = collectionYearBounds(year);
    return em.query(
      `SELECT a.episode_id AS "episodeId", a.reference, a.child_id AS "childId", c.la_child_id AS "laChildId",
              c.given_name || ' ' || c.family_name AS "childName", c.date_of_birth::text AS "dateOfBirth", a.home_id AS "homeId",
              a.classification, a.last_seen_at AS "lastSeenAt", a.last_seen_where AS "lastSeenWhere", a.returned_at AS "returnedAt",
              a.return_details->>'where' AS "foundWhere"
         FROM absence a JOIN child c ON c.id = a.child_id
        WHERE c.placing_council = $1 AND a.last_seen_at < $3::date + 2
          AND (a.returned_at IS NULL OR a.returned_at >= $2::date - 1 OR a.last_seen_at >= $2::date - 1)`,
      [council, start, end],
    );
  }

  /** The children the council places: the return's Header, and who each failure is about. */
  async children(em: EntityManager, council: string): Promise<ChildRecord[]> {
    return em.query(
      `SELECT id AS "childId", la_child_id AS "laChildId", date_of_birth::text AS "dateOfBirth", given_name || ' ' || family_name AS "childName"
         FROM child WHERE placing_council = $1`,
      [council],
    );
  }

  /** Every placement of the children the council places (the return's Episodes), with why care ceased when recorded. */
  async placements(em: EntityManager, council: string): Promise<PlacementDays[]> {
    return em.query(
      `SELECT p.child_id AS "childId", p.started_on::text AS "startedOn", p.ended_on::text AS "endedOn", p.ceased_reason AS "ceasedReason"
         FROM placement p JOIN child c ON c.id = p.child_id WHERE c.placing_council = $1`,
      [council],
    );
  }

  /** The council's children referred to the NRM with no Reasonable Grounds decision yet (with their referral date, if recorded), and whether they are missing now. */
  async awaitingReasonableGrounds(em: EntityManager, council: string): Promise<AwaitingDecision[]> {
    return em.query(
      `SELECT c.id AS "childId", c.given_name AS "givenName", c.family_name AS "familyName", c.nrm_referred_on::text AS "referredOn",
              EXISTS (SELECT 1 FROM absence a WHERE a.child_id = c.id AND a.state = 'open') AS "missingNow"
         FROM child c WHERE c.placing_council = $1 AND c.trafficking_status = $2`,
      [council, AWAITING_REASONABLE_GROUNDS],
    );
  }

  async associates(em: EntityManager, childIds: string[]): Promise<{ childId: string; associates: { name: string; phone?: string }[] }[]> {
    return em.query(
      `SELECT child_id AS "childId", COALESCE(part1->'associates', '[]') AS associates FROM information_pack WHERE child_id = ANY($1::uuid[])`,
      [childIds],
    );
  }
}
