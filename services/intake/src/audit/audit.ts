import { randomUUID } from 'node:crypto';
import type { Caller } from '@safeguard/platform';
import type { EntityManager } from 'typeorm';

export type AuditAction =
  | 'child.create' | 'child.read' | 'child.update' | 'children.list' | 'pack.write' | 'pack.read' | 'photo.write'
  | 'photo.read' | 'absence.report' | 'absence.update' | 'absence.return' | 'insight.return' | 'insight.patterns';

/** Writes an audit entry in the caller's transaction: it exists exactly when the action happened. */
export async function audit(em: EntityManager, caller: Caller, action: AuditAction, childId: string | null, episodeId: string | null = null) {
  await em.query(
    'INSERT INTO audit_log (id, at, actor, role, action, child_id, episode_id) VALUES ($1, now(), $2, $3, $4, $5, $6)',
    [randomUUID(), caller.sub, caller.role, action, childId, episodeId],
  );
}

/** One audit entry per child whose data a view showed (a statutory return or a pattern lists many children). */
export async function auditEach(em: EntityManager, caller: Caller, action: AuditAction, childIds: string[]) {
  await em.query(
    `INSERT INTO audit_log (id, at, actor, role, action, child_id)
     SELECT gen_random_uuid(), now(), $1, $2, $3, c FROM unnest($4::uuid[]) AS c`,
    [caller.sub, caller.role, action, [...new Set(childIds)]],
  );
}
