import { Inject, Injectable } from '@nestjs/common';
import { LOGGER } from '@safeguard/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { receiptOutcome } from '../domain/delivery.js';
import { DeliveryQueue } from '../queue/delivery.queue.js';
import { DeliveryRepository } from '../repositories/delivery.repository.js';
import { DeliveryOutcomes } from './delivery-outcomes.service.js';

/** A GOV.UK Notify delivery receipt: its notification id, our reference (the delivery id) and its status. */
export interface Receipt {
  id: string;
  reference: string | null;
  status: string;
  completedAt: Date;
}

/** Delivery receipts move a sent delivery to delivered or failed; a receipt repeated or out of order changes nothing. */
@Injectable()
export class ReceiptsService {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly repo: DeliveryRepository,
    private readonly outcomes: DeliveryOutcomes,
    private readonly queue: DeliveryQueue,
  ) {}

  async apply(r: Receipt): Promise<'applied' | 'ignored' | 'unknown'> {
    const outcome = receiptOutcome(r.status);
    const [result, next] = await this.dataSource.transaction(async (em): Promise<['applied' | 'ignored' | 'unknown', string[]]> => {
      // By our reference first: it waits for a send still committing, where the provider id is not yet written.
      const d = (r.reference && /^[0-9a-f-]{36}$/.test(r.reference) ? await this.repo.find(em, { id: r.reference }) : undefined)
        ?? (await this.repo.find(em, { providerId: r.id }));
      if (!d) return ['unknown', []];
      // A receipt for a delivery still pending (its send was not recorded) still counts: it is not sent again. A late
      // "delivered" after the wait for a receipt ran out is recorded too (the other channel has gone meanwhile).
      const late = d.state === 'failed' && d.failure === 'no-receipt' && outcome === 'delivered';
      if (!outcome || (d.state !== 'sent' && d.state !== 'pending' && !late)) return ['ignored', []];
      if (outcome === 'delivered') {
        await this.outcomes.delivered(em, d, Math.max(d.attempts, 1), r.completedAt);
        return ['applied', []];
      }
      return ['applied', await this.outcomes.failed(em, d, outcome, Math.max(d.attempts, 1), `Notify receipt ${outcome}`, r.completedAt)];
    });
    if (next.length > 0) await this.queue.enqueue(next);
    if (result === 'unknown') this.logger.warn({ notificationId: r.id, reference: r.reference }, 'delivery receipt for an unknown delivery ignored');
    return result;
  }
}
