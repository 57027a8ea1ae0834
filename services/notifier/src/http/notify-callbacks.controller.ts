import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { CONFIG, parseInput, Problem, Public } from '@safeguard/platform';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Acknowledgements } from '../application/acknowledgements.service.js';
import { ReceiptsService } from '../application/receipts.service.js';
import type { NotifierConfig } from '../config.js';
import { NotifyCallbackRoutes as R } from './routes.js';

/**
 * Where GOV.UK Notify posts delivery receipts and received texts, with the bearer token set in its callback settings.
 * A wrong token gets 401 and changes nothing; a receipt for a delivery we do not know is logged (ids only) and ignored.
 */
@Public()
@Controller('notify')
export class NotifyCallbacksController {
  private readonly token: Buffer | undefined;

  constructor(
    @Inject(CONFIG) config: NotifierConfig,
    private readonly receipts: ReceiptsService,
    private readonly acks: Acknowledgements,
  ) {
    this.token = config.NOTIFY_CALLBACK_TOKEN ? digest(config.NOTIFY_CALLBACK_TOKEN) : undefined;
  }

  @Post('delivery-receipts')
  @HttpCode(200)
  async receipt(@Headers('authorization') authorization: string | undefined, @Body() body: unknown) {
    this.authenticate(authorization);
    const r = parseInput(R.deliveryReceipt.body, body);
    const result = await this.receipts.apply({
      id: r.id, reference: r.reference, status: r.status, completedAt: new Date(r.completed_at ?? r.created_at),
    });
    return { result };
  }

  @Post('received-texts')
  @HttpCode(200)
  async receivedText(@Headers('authorization') authorization: string | undefined, @Body() body: unknown) {
    this.authenticate(authorization);
    const t = parseInput(R.receivedText.body, body);
    const outcome = await this.acks.byReply({ id: t.id, sourceNumber: t.source_number, message: t.message, receivedAt: new Date(t.date_received) });
    return { outcome };
  }

  private authenticate(authorization: string | undefined) {
    const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!this.token || !given || !timingSafeEqual(digest(given), this.token)) {
      throw new Problem(401, 'Unauthorised', 'The callback bearer token is missing or wrong');
    }
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();
