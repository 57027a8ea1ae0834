import { randomUUID } from 'node:crypto';
import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { EpisodeTrackerHttp as Tracker, IntakeHttp } from '@safeguard/contracts';
import type { Response } from 'express';
import { Api } from '../api.js';
import { CIRCUMSTANCE_LABELS, labelFrom, NOTIFIABLE_EVENT_LABELS } from '../labels.js';
import { actsForChildren } from '../domain/acting-for.js';
import type { SignedIn } from '../domain/signed-in.js';
import {
  circumstanceItems, foundByItems, notifiableItems, readNewFacts, readReport, readReturn, REPORT, RETURN, UPDATE, type Form, type Read,
} from './absence-forms.js';
import { FormErrors, isFormRefusal, textOf, valuesOf, type Question } from './forms.js';
import { page, signedIn, type ConsoleRequest } from './page.js';
import { ukFields } from './time.js';

/**
 * Recording an absence and what changes in it, for those acting for the child: the report, new facts during the
 * episode (A→M, circumstances, Part 2 details, regulation 40 events) and the return. A refusal writes nothing, and the
 * form comes back with what was typed and every error named (absence-forms.ts).
 */
@Controller()
export class AbsenceController {
  constructor(private readonly api: Api) {}

  // The report: a child of the home is missing (M) or away (A).

  @Get('report/:childId')
  async reportPage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('childId') childId: string) {
    const user = signedIn(req, res, 'children');
    if (!user) return;
    const now = ukFields(new Date());
    this.reportForm(req, res, await this.api.child(user, childId), { lastSeen: now, discovered: now }, new FormErrors());
  }

  @Post('report/:childId')
  async report(@Req() req: ConsoleRequest, @Res() res: Response, @Param('childId') childId: string) {
    const user = signedIn(req, res, 'children');
    if (!user) return;
    const f = (req.body ?? {}) as Form;
    const read = readReport(childId, f);
    await submit(read, REPORT, () => this.api.reportAbsence(user, read.body, textOf(f.idempotencyKey, 128)),
      async (form, errors) => this.reportForm(req, res, await this.api.child(user, childId), form, errors, 400),
      (r) => page(req, res, 'reported', { title: 'Absence reported', reference: r.reference }));
  }

  private reportForm(req: ConsoleRequest, res: Response, child: IntakeHttp.Child, form: Form, errors: FormErrors, status = 200) {
    page(req, res, 'report', {
      title: `${errors.any ? 'Error: ' : ''}Report ${child.givenName} missing`, child, form, ...errorContext(errors),
      idempotencyKey: textOf(form.idempotencyKey, 128) || `web-${randomUUID()}`, circumstanceItems: circumstanceItems(valuesOf(form.circumstances)),
    }, status);
  }

  // New facts during the episode.

  @Get('episodes/:id/update')
  async updatePage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const open = await this.openEpisode(req, res, id);
    if (open) await this.updateForm(req, res, open, {}, new FormErrors());
  }

  @Post('episodes/:id/update')
  async update(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const open = await this.openEpisode(req, res, id);
    if (!open) return;
    const { user, e } = open;
    const read = readNewFacts((req.body ?? {}) as Form, e);
    await submit(read, UPDATE, () => this.api.updateAbsence(user, id, read.body), (form, errors) => this.updateForm(req, res, open, form, errors, 400),
      () => page(req, res, 'confirmed', {
        title: 'New facts recorded', heading: 'New facts recorded', reference: e.reference, episodeId: e.id,
        text: ['The alert level and the escalation are being worked out again.', 'Tell the police what has changed, with the episode reference.'],
      }));
  }

  /** The form with what is already recorded shown, and only what is not offered to tick. */
  private async updateForm(req: ConsoleRequest, res: Response, open: { user: SignedIn; e: Tracker.EpisodeDetail }, form: Form, errors: FormErrors, status = 200) {
    const { part2: recorded } = await this.api.recordedAbsence(open.user, open.e.id);
    page(req, res, 'update', {
      title: `${errors.any ? 'Error: ' : ''}Record new facts`, e: open.e, form, ...errorContext(errors), recorded,
      recordedCircumstances: recorded.circumstances.map(labelFrom(CIRCUMSTANCE_LABELS)).join('; '),
      recordedEvents: recorded.notifiableEvents.map(labelFrom(NOTIFIABLE_EVENT_LABELS)).join('; '),
      circumstanceItems: circumstanceItems(valuesOf(form.addCircumstances), recorded.circumstances),
      notifiableItems: notifiableItems(valuesOf(form.notifiableEvents), recorded.notifiableEvents),
    }, status);
  }

  // The return.

  @Get('return/:episodeId')
  async returnPage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('episodeId') episodeId: string) {
    const open = await this.openEpisode(req, res, episodeId);
    const now = ukFields(new Date());
    if (open) this.returnForm(req, res, open.e, { located: now, returned: now }, new FormErrors());
  }

  @Post('return/:episodeId')
  async returned(@Req() req: ConsoleRequest, @Res() res: Response, @Param('episodeId') episodeId: string) {
    const open = await this.openEpisode(req, res, episodeId);
    if (!open) return;
    const { user, e } = open;
    const read = readReturn((req.body ?? {}) as Form);
    await submit(read, RETURN, () => this.api.reportReturn(user, episodeId, read.body), (form, errors) => this.returnForm(req, res, e, form, errors, 400),
      () => page(req, res, 'confirmed', {
        title: 'Return recorded', heading: 'Return recorded', reference: e.reference, episodeId: e.id,
        text: ['Everyone who was alerted is being told.', 'A return home interview is due within 72 hours.',
          ...(read.safeAndWellChecked ? [] : ['Ask the police to do the safe-and-well check.'])],
      }));
  }

  private returnForm(req: ConsoleRequest, res: Response, e: Tracker.EpisodeDetail, form: Form, errors: FormErrors, status = 200) {
    page(req, res, 'return', {
      title: `${errors.any ? 'Error: ' : ''}Report a return`, e, form, ...errorContext(errors), foundByItems: foundByItems(form.foundBy),
    }, status);
  }

  /**
   * The episode, for someone acting for the child (acting-for.ts) while the child is missing; otherwise the page does
   * not exist for them (404), or says the child has returned.
   */
  private async openEpisode(req: ConsoleRequest, res: Response, id: string): Promise<{ user: SignedIn; e: Tracker.EpisodeDetail } | undefined> {
    const user = signedIn(req, res);
    if (!user) return undefined;
    if (!actsForChildren(user)) return void page(req, res, 'message', { title: 'Page not found', heading: 'Page not found', text: 'It may not be in your area.' }, 404);
    const e = await this.api.episode(user, id);
    if (e.state === 'open') return { user, e };
    page(req, res, 'message', { title: 'The child has returned', heading: 'The child has returned',
      text: `A return is recorded for episode ${e.reference}. New facts and a return are recorded only while a child is missing.`, back: `/episodes/${e.id}` }, 409);
    return undefined;
  }
}

/** What a form page needs to show its errors. */
const errorContext = (errors: FormErrors) => ({ errors: errors.summary, fieldErrors: errors.byField, errorParts: errors.parts });

/**
 * Sends what a form read, or shows the form again with every error, the console's and intake's (a refusal writes
 * nothing); on success, the confirmation.
 */
async function submit<T>(read: Read, questions: Record<string, Question>, send: () => Promise<T>,
  again: (form: Form, errors: FormErrors) => unknown, confirm: (sent: T) => void): Promise<void> {
  if (!read.send) return void (await again(read.form, read.found));
  let sent: T;
  try {
    sent = await send();
  } catch (err) {
    if (!isFormRefusal(err)) throw err;
    return void (await again(read.form, FormErrors.from(err, questions, read.found)));
  }
  confirm(sent);
}
