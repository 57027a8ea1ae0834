import { Injectable } from '@nestjs/common';
import type { AlertRequested, Channel, ChannelFailure, DataOf, Role } from '@safeguard/contracts';
import type { EntityManager } from 'typeorm';
import type { Delivery } from '../domain/delivery.js';

/** Someone an alert can reach, with their contact details. */
export interface Recipient {
  id: string;
  role: Role;
  email: string;
  mobile: string | null;
}

/** A delivery with what sending or acknowledging it needs: the person and the alert as requested. */
export interface DeliveryContext extends Delivery {
  recipient: Recipient;
  request: DataOf<typeof AlertRequested>;
}

const DELIVERY = `d.id, d.alert_id AS "alertId", d.recipient_id AS "recipientId", d.channel, d.address, d.state, d.failure, d.attempts,
  d.provider_id AS "providerId", d.reply_code AS "replyCode", d.expires_at AS "expiresAt", d.acknowledged_at AS "acknowledgedAt"`;
const CONTEXT = `${DELIVERY}, json_build_object('id', p.id, 'role', p.role, 'email', p.email, 'mobile', p.mobile) AS recipient, a.request
  FROM delivery d JOIN person p ON p.id = d.recipient_id JOIN alert a ON a.id = d.alert_id`;
const RECIPIENT = 'p.id, p.role, p.email, p.mobile';

/** All of the notifier's SQL for alerts and deliveries. */
@Injectable()
export class DeliveryRepository {
  async insertAlert(em: EntityManager, a: { id: string; episodeId: string; childId: string; request: object }) {
    await em.query('INSERT INTO alert (id, episode_id, child_id, request) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
      a.id, a.episodeId, a.childId, JSON.stringify(a.request),
    ]);
  }

  /** Who is on duty in the role and scope at this moment: the rota's shifts, else the default holders. */
  async onDuty(em: EntityManager, role: string, scopeKind: string, scopeId: string, at: Date): Promise<Recipient[]> {
    return em.query(
      `WITH on_shift AS (
         SELECT DISTINCT p.id FROM rota_shift s JOIN person p ON p.id = s.person_id
          WHERE s.role = $1 AND s.scope_kind = $2 AND s.scope_id = $3 AND s.starts_at <= $4 AND s.ends_at > $4 AND p.active)
       SELECT ${RECIPIENT} FROM person p WHERE p.id IN (SELECT id FROM on_shift)
       UNION ALL
       SELECT ${RECIPIENT} FROM person p WHERE role = $1 AND scope_kind = $2 AND scope_id = $3 AND active AND default_holder
          AND NOT EXISTS (SELECT 1 FROM on_shift)
       ORDER BY id`,
      [role, scopeKind, scopeId, at],
    );
  }

  /** Each person an alert of this episode reached, whoever holds their role now ("found" notices). */
  async alertedInEpisode(em: EntityManager, episodeId: string, exceptAlertId: string): Promise<Recipient[]> {
    return em.query(
      `SELECT DISTINCT ${RECIPIENT} FROM delivery d JOIN alert a ON a.id = d.alert_id JOIN person p ON p.id = d.recipient_id
        WHERE a.episode_id = $1 AND a.id <> $2 AND d.state <> 'failed' AND p.active ORDER BY p.id`,
      [episodeId, exceptAlertId],
    );
  }

  /**
   * Serialises what follows a failure on one person's deliveries of one alert (fallback, gap). Taken while holding
   * only the failed delivery's row, and nothing waits for a row while holding it, so no cycle can form.
   */
  async lockRecipientOfAlert(em: EntityManager, alertId: string, recipientId: string) {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`delivery:${alertId}:${recipientId}`]);
  }

  /**
   * Holds `code` for the number until `until`, for the delivery; false if the number holds it already (its reservation
   * not yet past). Two alerts that pick the same code at once queue on the key, and the second is refused.
   */
  async holdReplyCode(em: EntityManager, mobile: string, code: string, deliveryId: string, until: Date, at: Date): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO reply_code (address, code, delivery_id, held_until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (address, code) DO UPDATE SET delivery_id = EXCLUDED.delivery_id, held_until = EXCLUDED.held_until
        WHERE reply_code.held_until <= $5 RETURNING code`,
      [mobile, code, deliveryId, until, at]);
    return rows.length > 0;
  }

  /** Gives back a code held for a delivery that was not made after all. */
  async releaseReplyCode(em: EntityManager, mobile: string, code: string, deliveryId: string) {
    await em.query('DELETE FROM reply_code WHERE address = $1 AND code = $2 AND delivery_id = $3', [mobile, code, deliveryId]);
  }

  /** The codes the number holds now (for a number so busy that codes picked at random keep being taken). */
  async heldReplyCodes(em: EntityManager, mobile: string, at: Date): Promise<Set<string>> {
    const rows: { code: string }[] = await em.query('SELECT code FROM reply_code WHERE address = $1 AND held_until > $2', [mobile, at]);
    return new Set(rows.map((r) => r.code));
  }

  /** Inserts a delivery unless this alert already has one for the person on the channel; true if inserted. */
  async insertDelivery(em: EntityManager, d: { id: string; alertId: string; recipientId: string; channel: Channel; address: string; replyCode: string | null; expiresAt: Date }) {
    const rows = await em.query(
      `INSERT INTO delivery (id, alert_id, recipient_id, channel, address, state, reply_code, expires_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7)
       ON CONFLICT ON CONSTRAINT delivery_once DO NOTHING RETURNING id`,
      [d.id, d.alertId, d.recipientId, d.channel, d.address, d.replyCode, d.expiresAt],
    );
    return rows.length > 0;
  }

  async pendingIds(em: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM delivery WHERE state = 'pending' ORDER BY created_at`);
    return rows.map((r) => r.id);
  }

  /** Locks a pending delivery for sending; another worker already sending it is skipped, not waited for. */
  async claim(em: EntityManager, id: string): Promise<DeliveryContext | undefined> {
    const [row] = await em.query(`SELECT ${CONTEXT} WHERE d.id = $1 AND d.state = 'pending' FOR UPDATE OF d SKIP LOCKED`, [id]);
    return row && this.context(row);
  }

  /** A delivery by id, or by the provider's id for its message; `lock` takes its row. */
  async find(em: EntityManager, by: { id: string } | { providerId: string }, lock = true): Promise<DeliveryContext | undefined> {
    const forUpdate = lock ? ' FOR UPDATE OF d' : '';
    const [row] = 'id' in by
      ? await em.query(`SELECT ${CONTEXT} WHERE d.id = $1${forUpdate}`, [by.id])
      : await em.query(`SELECT ${CONTEXT} WHERE d.provider_id = $1${forUpdate}`, [by.providerId]);
    return row && this.context(row);
  }

  /** The text sent to this number with this reply code (codes are unique per number while reserved), newest first. */
  async byReplyCode(em: EntityManager, mobile: string, code: string): Promise<DeliveryContext | undefined> {
    const [row] = await em.query(
      `SELECT ${CONTEXT} WHERE d.channel = 'sms' AND d.reply_code = $2 AND d.address = $1 ORDER BY d.created_at DESC LIMIT 1`, [mobile, code]);
    return row && this.context(row);
  }

  /** Whether any alert was ever texted to this number (a reply from elsewhere gets no answer). */
  async textedBefore(em: EntityManager, mobile: string): Promise<boolean> {
    return (await em.query(`SELECT 1 FROM delivery WHERE channel = 'sms' AND address = $1 LIMIT 1`, [mobile])).length > 0;
  }

  /** Sent deliveries whose receipt has not come by this time: the provider will not be heard from. */
  async awaitingReceiptSince(em: EntityManager, before: Date): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM delivery WHERE state = 'sent' AND sent_at < $1 ORDER BY sent_at LIMIT 500`, [before]);
    return rows.map((r) => r.id);
  }

  /** The person's deliveries of the alert; `lock` takes them all, in id order, so two acknowledgements queue up. */
  async ofRecipient(em: EntityManager, alertId: string, recipientId: string, lock = false): Promise<Delivery[]> {
    const rows = await em.query(
      `SELECT ${DELIVERY} FROM delivery d WHERE d.alert_id = $1 AND d.recipient_id = $2 ORDER BY d.id${lock ? ' FOR UPDATE' : ''}`, [alertId, recipientId]);
    return rows.map((r: Record<string, unknown>) => ({ ...r, expiresAt: new Date(r.expiresAt as string) }) as Delivery);
  }

  /** Sent; or, on a channel whose acceptance is the delivery, sent and delivered in one update. */
  async markSent(em: EntityManager, id: string, attempts: number, providerId: string | null, at: Date, state: 'sent' | 'delivered') {
    await em.query(
      `UPDATE delivery SET state = $5, attempts = $2, provider_id = $3, sent_at = $4, delivered_at = CASE WHEN $5 = 'delivered' THEN $4::timestamptz END,
         last_error = NULL WHERE id = $1`,
      [id, attempts, providerId, at, state]);
  }

  async markDelivered(em: EntityManager, id: string, at: Date) {
    await em.query(`UPDATE delivery SET state = 'delivered', delivered_at = $2, sent_at = COALESCE(sent_at, $2) WHERE id = $1`, [id, at]);
  }

  async markFailed(em: EntityManager, id: string, attempts: number, failure: ChannelFailure, error: string) {
    await em.query(`UPDATE delivery SET state = 'failed', attempts = $2, failure = $3, last_error = $4 WHERE id = $1`, [id, attempts, failure, error]);
  }

  /** Every delivery of the alert to the person counts as acknowledged: the link and the reply are single-use. */
  async markAcknowledged(em: EntityManager, alertId: string, recipientId: string, at: Date) {
    await em.query('UPDATE delivery SET acknowledged_at = $3 WHERE alert_id = $1 AND recipient_id = $2 AND acknowledged_at IS NULL', [alertId, recipientId, at]);
  }

  /** Records a received text by its id; false if it was already recorded (a re-posted callback). */
  async recordReceivedText(em: EntityManager, id: string, source: string, at: Date): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO received_text (id, source, outcome, received_at) VALUES ($1, $2, 'received', $3) ON CONFLICT (id) DO NOTHING RETURNING id`, [id, source, at]);
    return rows.length > 0;
  }

  /** Replies from a number in the last hour that acknowledged nothing (a guard against trying every code, and loops). */
  async wrongCodesFrom(em: EntityManager, source: string, since: Date): Promise<number> {
    const [row] = await em.query(
      `SELECT count(*)::int AS n FROM received_text WHERE source = $1 AND outcome IN ('unreadable', 'unknown-code', 'locked-out') AND received_at > $2`, [source, since]);
    return row.n;
  }

  async receivedTextOutcome(em: EntityManager, id: string, outcome: string, deliveryId: string | null) {
    await em.query('UPDATE received_text SET outcome = $2, delivery_id = $3 WHERE id = $1', [id, outcome, deliveryId]);
  }

  private context(row: Record<string, unknown>): DeliveryContext {
    return {
      ...(row as unknown as DeliveryContext),
      expiresAt: new Date(row.expiresAt as string),
      acknowledgedAt: row.acknowledgedAt ? new Date(row.acknowledgedAt as string) : null,
    };
  }
}
