import { Inject, Injectable } from '@nestjs/common';
import { AlertAcknowledged, formatUkDateTime, isPoliceRole } from '@safeguard/contracts';
import { LOGGER, Outbox } from '@safeguard/platform';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { ChannelRegistry } from '../channels/registry.js';
import { ukMobile } from '../domain/contact.js';
import { askText } from '../domain/messages.js';
import { MISSES_PER_HOUR, parseReply, replyText, type ReplyOutcome } from '../domain/reply.js';
import { DeliveryRepository, type DeliveryContext } from '../repositories/delivery.repository.js';

/** What the link's pages show: the same minimum as the message. */
export interface AckSummary {
  reference: string;
  level: string;
  ask: string;
  deadline?: string;
  police: boolean;
}

export type LinkOutcome =
  | { kind: 'show' | 'acknowledged' | 'reference-needed'; summary: AckSummary }
  | { kind: 'unknown' | 'already-acknowledged' | 'expired' };

/** A text received on the inbound number (GOV.UK Notify's callback). */
export interface ReceivedText {
  id: string;
  sourceNumber: string;
  message: string;
  receivedAt: Date;
}

/**
 * Acknowledgement by the signed link or by replying to the text, through one path: the person's deliveries of the
 * alert are locked, it is acknowledged once, and the episode-tracker (which owns acknowledgement state) is told.
 */
@Injectable()
export class Acknowledgements {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly repo: DeliveryRepository,
    private readonly outbox: Outbox,
    private readonly channels: ChannelRegistry,
  ) {}

  /** GET of a link: what would be acknowledged, changing nothing. */
  async show(deliveryId: string): Promise<LinkOutcome> {
    const d = await this.repo.find(this.dataSource.manager, { id: deliveryId }, false);
    if (!d) return { kind: 'unknown' };
    if (d.acknowledgedAt) return { kind: 'already-acknowledged' };
    return { kind: 'show', summary: summaryOf(d) };
  }

  /** POST of a link (already verified: signature and expiry). */
  async byLink(deliveryId: string, policeReference: string | undefined): Promise<LinkOutcome> {
    return this.dataSource.transaction(async (em) => {
      // Not locked here: `acknowledge` locks all the person's deliveries of the alert in one order, as a reply does.
      const d = await this.repo.find(em, { id: deliveryId }, false);
      if (!d) return { kind: 'unknown' };
      const outcome = await this.acknowledge(em, d, policeReference, new Date());
      return outcome === 'acknowledged' || outcome === 'reference-needed' ? { kind: outcome, summary: summaryOf(d) } : { kind: outcome };
    });
  }

  /** A reply to a text: "ACK 4821" acknowledges; anything else gets a reply saying why and changes nothing. */
  async byReply(t: ReceivedText): Promise<ReplyOutcome | 'repeat' | 'unknown-sender'> {
    const mobile = ukMobile(t.sourceNumber.startsWith('+') ? t.sourceNumber : `+${t.sourceNumber}`) ?? t.sourceNumber;
    const result = await this.dataSource.transaction(async (em) => {
      if (!(await this.repo.recordReceivedText(em, t.id, mobile, t.receivedAt))) return undefined; // a re-posted callback
      // Only a phone we have texted gets an answer; after a few misses in an hour, one more answer and then silence
      // (an auto-responder cannot start a loop; nobody can try every code).
      if (!(await this.repo.textedBefore(em, mobile))) return { outcome: 'unknown-sender' as const, answer: undefined };
      const misses = await this.repo.wrongCodesFrom(em, mobile, new Date(t.receivedAt.getTime() - 3_600_000));
      const reply = parseReply(t.message);
      let outcome: ReplyOutcome = 'unreadable';
      let d: DeliveryContext | undefined;
      if (misses >= MISSES_PER_HOUR) outcome = 'locked-out';
      else if (reply.kind === 'ack') {
        d = await this.repo.byReplyCode(em, mobile, reply.code);
        outcome = !d ? 'unknown-code' : await this.acknowledge(em, d, reply.policeReference, t.receivedAt);
      }
      await this.repo.receivedTextOutcome(em, t.id, outcome, d?.id ?? null);
      const answered = outcome !== 'locked-out' || misses === MISSES_PER_HOUR;
      const code = reply.kind === 'ack' ? reply.code : undefined;
      return { outcome, answer: answered ? replyText(outcome, code, d?.request.episodeReference) : undefined };
    });
    if (!result) return 'repeat';
    this.logger.info({ receivedTextId: t.id, outcome: result.outcome }, 'text reply received');
    if (result.answer) await this.answer(t.id, mobile, result.answer);
    return result.outcome;
  }

  private async acknowledge(em: EntityManager, d: DeliveryContext, policeReference: string | undefined, now: Date) {
    const ofRecipient = await this.repo.ofRecipient(em, d.alertId, d.recipientId, true);
    if (ofRecipient.some((x) => x.acknowledgedAt)) return 'already-acknowledged' as const;
    if (d.expiresAt <= now) return 'expired' as const;
    const police = isPoliceRole(d.recipient.role);
    if (police && !policeReference) return 'reference-needed' as const;
    await this.repo.markAcknowledged(em, d.alertId, d.recipientId, now);
    await this.outbox.add(em, AlertAcknowledged, d.request.childId, {
      alertId: d.alertId, episodeId: d.request.episodeId, childId: d.request.childId, recipientId: d.recipientId, role: d.recipient.role,
      ...(police ? { policeReference } : {}), acknowledgedAt: now.toISOString(),
    });
    return 'acknowledged' as const;
  }

  /** The reply to a reply: best effort (the acknowledgement, if any, is already recorded). */
  private async answer(receivedTextId: string, mobile: string, text: string) {
    try {
      await this.channels.driver('sms').send({ channel: 'sms', to: mobile, reference: `reply-${receivedTextId}`, text });
    } catch (error) {
      this.logger.warn({ receivedTextId, reason: (error as Error).message }, 'reply to a text could not be sent');
    }
  }
}

const summaryOf = (d: DeliveryContext): AckSummary => ({
  reference: d.request.episodeReference, level: d.request.level.replace('-', ' ').toUpperCase(), ask: askText(d.request), police: isPoliceRole(d.recipient.role),
  ...(d.request.ackDeadline ? { deadline: formatUkDateTime(d.request.ackDeadline) } : {}),
});
