import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { PoliceReference } from '@safeguard/contracts';
import { CONFIG, Public } from '@safeguard/platform';
import type { Response } from 'express';
import { Acknowledgements, type LinkOutcome } from '../application/acknowledgements.service.js';
import type { NotifierConfig } from '../config.js';
import { verifyAckLink } from '../domain/ack-link.js';
import { page, refused, send, type Page } from './pages.js';

const UNKNOWN = () => refused(404, 'Link not recognised', 'This acknowledgement link is not valid. Nothing has been recorded.');
const EXPIRED = () => refused(410, 'This link has expired', 'Sign in to the Safeguard console to acknowledge the alert.');

/** Signed acknowledgement links: GET only shows a confirmation page (mail scanners follow links); POST records it once. */
@Public()
@Controller('ack')
export class AckController {
  constructor(@Inject(CONFIG) private readonly config: NotifierConfig, private readonly acks: Acknowledgements) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() res: Response) {
    const check = verifyAckLink(this.config.ACK_LINK_SECRET, token);
    send(res, check.ok ? pageFor(await this.acks.show(check.claims.deliveryId)) : check.reason === 'expired' ? EXPIRED() : UNKNOWN());
  }

  @Post(':token')
  async acknowledge(@Param('token') token: string, @Body() body: Record<string, unknown> | undefined, @Res() res: Response) {
    const check = verifyAckLink(this.config.ACK_LINK_SECRET, token);
    if (!check.ok) return send(res, check.reason === 'expired' ? EXPIRED() : UNKNOWN());
    const given = typeof body?.policeReference === 'string' ? body.policeReference.trim() : '';
    if (given !== '' && !PoliceReference.safeParse(given).success) {
      const shown = await this.acks.show(check.claims.deliveryId);
      return send(res, shown.kind === 'show' ? confirm(400, shown.summary, 'Enter the police reference number (letters, digits, / or -)') : pageFor(shown));
    }
    // The page is sent only after the transaction has committed (or refused), never before.
    send(res, pageFor(await this.acks.byLink(check.claims.deliveryId, given || undefined)));
  }
}

const confirm = (status: number, view: object, error?: string) => page(status, 'ack-confirm', { title: 'Acknowledge alert', view, error });

function pageFor(o: LinkOutcome): Page {
  switch (o.kind) {
    case 'show': return confirm(200, o.summary);
    case 'reference-needed': return confirm(400, o.summary, 'Enter the police reference number');
    case 'acknowledged': return page(200, 'ack-done', { title: 'Alert acknowledged', view: o.summary });
    case 'already-acknowledged': return refused(409, 'Already acknowledged', 'This alert has already been acknowledged. Nothing more has been recorded.');
    case 'expired': return EXPIRED();
    case 'unknown': return UNKNOWN();
  }
}
