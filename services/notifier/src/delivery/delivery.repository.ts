import type { EntityManager } from 'typeorm';

export interface Claimed {
  id: string;
  alertId: string;
  recipientId: string;
  email: string;
  messageId: string;
  request: Record<string, unknown>;
}

/** All of the notifier's SQL for alerts and deliveries. */
export class DeliveryRepository {
  async insertAlert(em: EntityManager, a: { id: string; episodeId: string; childId: string; request: object }) {
    await em.query('INSERT INTO alert (id, episode_id, child_id, request) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
      a.id, a.episodeId, a.childId, JSON.stringify(a.request),
    ]);
  }

  /** Who is on duty in the role and scope at this moment: the rota's shifts, else the default holders. */
  async onDuty(em: EntityManager, role: string, scopeKind: string, scopeId: string, at: Date): Promise<{ id: string }[]> {
    return em.query(
      `WITH on_shift AS (
         SELECT DISTINCT p.id FROM rota_shift s JOIN person p ON p.id = s.person_id
          WHERE s.role = $1 AND s.scope_kind = $2 AND s.scope_id = $3 AND s.starts_at <= $4 AND s.ends_at > $4 AND p.active)
       SELECT id FROM on_shift
       UNION ALL
       SELECT id FROM person WHERE role = $1 AND scope_kind = $2 AND scope_id = $3 AND active AND default_holder
          AND NOT EXISTS (SELECT 1 FROM on_shift)
       ORDER BY id`,
      [role, scopeKind, scopeId, at],
    );
  }

  /** Each person who was sent an alert of this episode, whoever holds their role now ("found" notices). */
  async alertedInEpisode(em: EntityManager, episodeId: string, exceptAlertId: string): Promise<{ id: string }[]> {
    return em.query(
      `SELECT DISTINCT p.id FROM delivery d JOIN alert a ON a.id = d.alert_id JOIN person p ON p.id = d.recipient_id
        WHERE a.episode_id = $1 AND a.id <> $2 AND d.state <> 'failed' AND p.active ORDER BY p.id`,
      [episodeId, exceptAlertId],
    );
  }

  async insertDelivery(em: EntityManager, d: { id: string; alertId: string; recipientId: string; messageId: string }) {
    await em.query(
      `INSERT INTO delivery (id, alert_id, recipient_id, channel, state, message_id) VALUES ($1, $2, $3, 'email', 'pending', $4)
       ON CONFLICT ON CONSTRAINT delivery_once DO NOTHING`,
      [d.id, d.alertId, d.recipientId, d.messageId],
    );
  }

  async pendingIds(em: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM delivery WHERE state = 'pending' ORDER BY created_at`);
    return rows.map((r) => r.id);
  }

  /** Locks a pending delivery for sending; another worker already sending it is skipped, not waited for. */
  async claim(em: EntityManager, id: string): Promise<Claimed | undefined> {
    const [row] = await em.query(
      `SELECT d.id, d.alert_id AS "alertId", d.recipient_id AS "recipientId", p.email, d.message_id AS "messageId", a.request
         FROM delivery d JOIN person p ON p.id = d.recipient_id JOIN alert a ON a.id = d.alert_id
        WHERE d.id = $1 AND d.state = 'pending' FOR UPDATE OF d SKIP LOCKED`,
      [id],
    );
    return row;
  }

  async markSent(em: EntityManager, id: string, attempts: number, at: Date) {
    await em.query(`UPDATE delivery SET state = 'sent', attempts = $2, sent_at = $3, last_error = NULL WHERE id = $1`, [id, attempts, at]);
  }

  async markFailed(em: EntityManager, id: string, attempts: number, error: string) {
    await em.query(`UPDATE delivery SET state = 'failed', attempts = $2, last_error = $3 WHERE id = $1`, [id, attempts, error]);
  }
}
