import { Body, Controller, Get, Header, Inject, Param, Post, Res } from '@nestjs/common';
import { AlertAcknowledged, formatUkDateTime, isPoliceRole, type AlertRequested, type DataOf } from '@safeguard/contracts';
import { CONFIG, Outbox, Public } from '@safeguard/platform';
import { DataSource } from 'typeorm';
import type { NotifierConfig } from '../config.js';
import { verifyAckLink } from '../domain/ack-link.js';
import { confirmPage, donePage, refusedPage, type AckView } from './ack-page.js';

const POLICE_REF = /^[A-Za-z0-9/-]{1,40}$/;
const ASKS: Record<string, string> = {
  'call-police-now': 'Make sure the police have been called, and take responsibility for this alert',
  acknowledge: 'Take responsibility for this alert', 'senior-oversight': 'Senior oversight of this episode',
  'strategy-meeting': 'Arrange the strategy meeting', informed: 'Confirm you have been informed', 'child-found': 'Note that the child is found',
};

const USED = refusedPage('Already acknowledged', 'This alert has already been acknowledged with this link. Nothing more has been recorded.');
const UNKNOWN = refusedPage('Link not recognised', 'This acknowledgement link is not valid. Nothing has been recorded.');

interface Reply { status(n: number): Reply; type(t: string): Reply; send(b: string): void }
interface Found { deliveryId: string; alertId: string; recipientId: string; role: string; acknowledgedAt: Date | null; request: DataOf<typeof AlertRequested> }

/** Signed acknowledgement links: GET only shows a confirmation page; POST records the acknowledgement once. */
@Public()
@Controller('ack')
export class AckController {
  constructor(
    @Inject(CONFIG) private readonly config: NotifierConfig,
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  @Get(':token')
  @Header('cache-control', 'no-store')
  async show(@Param('token') token: string, @Res() res: Reply) {
    const found = await this.find(token, res);
    if (found) res.status(200).type('html').send(confirmPage(this.view(found)));
  }

  @Post(':token')
  @Header('cache-control', 'no-store')
  async acknowledge(@Param('token') token: string, @Body() body: Record<string, unknown> | undefined, @Res() res: Reply) {
    const check = this.check(token, res);
    if (!check) return;
    // The page is sent only after the transaction has committed (or refused), never before.
    const reply = await this.dataSource.transaction(async (em): Promise<[number, string]> => {
      const found = await this.load(em, check.deliveryId, check.alertId, check.recipientId, true);
      if (!found) return [404, UNKNOWN];
      if (found.acknowledgedAt) return [409, USED];
      const police = isPoliceRole(found.role);
      const reference = typeof body?.policeReference === 'string' ? body.policeReference.trim() : '';
      if (police && !POLICE_REF.test(reference)) {
        return [400, confirmPage(this.view(found), 'Enter the police reference number (letters, digits, / or -)')];
      }
      const now = new Date();
      await em.query('UPDATE delivery SET acknowledged_at = $2 WHERE id = $1', [found.deliveryId, now]);
      await this.outbox.add(em, AlertAcknowledged, found.request.childId, {
        alertId: found.alertId, episodeId: found.request.episodeId, childId: found.request.childId, recipientId: found.recipientId,
        role: found.role as DataOf<typeof AlertAcknowledged>['role'], ...(police ? { policeReference: reference } : {}),
        acknowledgedAt: now.toISOString(),
      });
      return [200, donePage(this.view(found))];
    });
    res.status(reply[0]).type('html').send(reply[1]);
  }

  private check(token: string, res: Reply) {
    const result = verifyAckLink(this.config.ACK_LINK_SECRET, token);
    if (result.ok) return result.claims;
    if (result.reason === 'expired') res.status(410).type('html').send(refusedPage('This link has expired', 'Sign in to the Safeguard console to acknowledge the alert.'));
    else res.status(404).type('html').send(UNKNOWN);
    return undefined;
  }

  private async find(token: string, res: Reply): Promise<Found | undefined> {
    const claims = this.check(token, res);
    if (!claims) return undefined;
    const found = await this.load(this.dataSource.manager, claims.deliveryId, claims.alertId, claims.recipientId, false);
    if (!found) res.status(404).type('html').send(UNKNOWN);
    else if (found.acknowledgedAt) res.status(409).type('html').send(USED);
    else return found;
    return undefined;
  }

  private async load(em: DataSource['manager'], deliveryId: string, alertId: string, recipientId: string, lock: boolean): Promise<Found | undefined> {
    const [row] = await em.query(
      `SELECT d.id AS "deliveryId", d.alert_id AS "alertId", d.recipient_id AS "recipientId", p.role, d.acknowledged_at AS "acknowledgedAt", a.request
         FROM delivery d JOIN person p ON p.id = d.recipient_id JOIN alert a ON a.id = d.alert_id
        WHERE d.id = $1 AND d.alert_id = $2 AND d.recipient_id = $3${lock ? ' FOR UPDATE OF d' : ''}`,
      [deliveryId, alertId, recipientId],
    );
    return row;
  }

  private view(f: Found): AckView {
    const r = f.request;
    return {
      reference: r.episodeReference, level: r.level, ask: ASKS[r.ask] ?? r.ask, police: isPoliceRole(f.role),
      ...(r.ackDeadline ? { deadline: formatUkDateTime(r.ackDeadline) } : {}),
    };
  }
}
