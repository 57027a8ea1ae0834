import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@safeguard/platform';
import type { EntityManager } from 'typeorm';

export type AuditAction =
  | 'child.create' | 'child.read' | 'child.update' | 'children.list' | 'pack.write' | 'pack.read' | 'photo.write'
  | 'photo.read' | 'absence.report' | 'absence.update' | 'absence.return' | 'insight.return' | 'insight.patterns'
  | 'briefing.read' | 'report.read' | 'insight.nrm-watch' | 'home.update';

type Actor = Pick<Caller, 'sub' | 'role'>;

/** The audit log: every write, and every read of a child's personal data, in the caller's transaction. */
@Injectable()
export class AuditRepository {
  /** An entry that exists exactly when the action happened (it commits or rolls back with it). */
  async record(em: EntityManager, actor: Actor, action: AuditAction, childId: string | null, episodeId: string | null = null): Promise<void> {
    await em.query(
      'INSERT INTO audit_log (id, at, actor, role, action, child_id, episode_id) VALUES ($1, now(), $2, $3, $4, $5, $6)',
      [randomUUID(), actor.sub, actor.role, action, childId, episodeId],
    );
  }

  /** One entry per child whose data a view showed (a statutory return or a pattern lists many children). */
  async recordEach(em: EntityManager, actor: Actor, action: AuditAction, childIds: string[]): Promise<void> {
    await em.query(
      `INSERT INTO audit_log (id, at, actor, role, action, child_id)
       SELECT gen_random_uuid(), now(), $1, $2, $3, c FROM unnest($4::uuid[]) AS c`,
      [actor.sub, actor.role, action, [...new Set(childIds)]],
    );
  }
}
