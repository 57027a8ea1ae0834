import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { PoliceReference, RISK_LEVELS, RiskLevel } from '@safeguard/contracts';
import type { Response } from 'express';
import { Api, ApiError } from '../api.js';
import type { SignedIn } from '../domain/signed-in.js';
import { patrolSheet } from '../domain/patrol-sheet.js';
import { AGE_ASSESSMENT_LABELS, labelFrom, LEVEL_LABELS, POLICE_GRADE_HINTS } from '../labels.js';
import { ukDate } from './calendar-date.js';
import { FormErrors, isFormRefusal, textOf, type Question } from './forms.js';
import { page, signedIn, type ConsoleRequest } from './page.js';

const REFERENCE: Question = { field: 'policeReference', missing: 'Enter the police reference number', name: 'The police reference number' };
const GRADE: Question = { field: 'policeGrade', missing: 'Select the police risk grade', name: 'The police risk grade' };

/** The police's reference and grade as typed, what to send intake (only what was given), and what is wrong with them. */
export function readPoliceFacts(body: Record<string, unknown>) {
  const form = { policeReference: textOf(body.policeReference, 200), policeGrade: textOf(body.policeGrade, 20) };
  const errors = new FormErrors();
  const reference = form.policeReference ? PoliceReference.safeParse(form.policeReference) : undefined;
  const grade = form.policeGrade ? RiskLevel.safeParse(form.policeGrade) : undefined;
  if (reference && !reference.success) {
    errors.add(REFERENCE, form.policeReference.length > 40 ? 'The police reference number must be 40 characters or fewer'
      : 'The police reference number must only include letters, numbers, / and -');
  }
  if (grade && !grade.success) errors.add(GRADE, GRADE.missing);
  if (!reference && !grade) errors.add(REFERENCE, 'Enter the police reference number or select the police risk grade');
  const update = { ...(reference?.success ? { policeReference: reference.data } : {}), ...(grade?.success ? { policeGrade: grade.data } : {}) };
  return { form, errors, update };
}

const gradeItems = RISK_LEVELS.map((level) => ({ value: level, text: LEVEL_LABELS[level], hint: { text: POLICE_GRADE_HINTS[level] } }));

/**
 * The police's pages: escalations waiting for them, the briefing of an open episode in their force area (its every read
 * audited by intake), the child's photograph, and their reference and risk grade. Intake and the tracker decide what
 * each officer may see; an episode they may not see is "Page not found", like one that does not exist.
 */
@Controller('police')
export class PoliceController {
  constructor(private readonly api: Api) {}

  @Get()
  async escalations(@Req() req: ConsoleRequest, @Res() res: Response) {
    const user = signedIn(req, res, 'escalations');
    if (!user) return;
    const { alerts } = await this.api.awaitingAlerts(user);
    page(req, res, 'police', { title: 'Escalations', alerts, errors: {}, flash: req.query.done === 'ack' ? 'Escalation acknowledged' : undefined });
  }

  @Post('alerts/:id/acknowledge')
  async acknowledge(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const user = signedIn(req, res, 'escalations');
    if (!user) return;
    try {
      await this.api.acknowledge(user, id, { policeReference: String(req.body?.policeReference ?? '').trim() });
      res.redirect(303, '/police?done=ack');
    } catch (e) {
      const { alerts } = await this.api.awaitingAlerts(user);
      const message = e instanceof ApiError && e.status === 400 ? 'Enter the police reference number (letters, digits, / or -)' : 'This alert could not be acknowledged';
      page(req, res, 'police', { title: 'Escalations', alerts, errors: { [id]: message } }, 400);
    }
  }

  @Get('episodes/:id/briefing')
  async briefing(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const user = signedIn(req, res, 'briefing');
    if (!user) return;
    const [b, alertLevel] = await Promise.all([this.api.briefing(user, id), this.alertLevel(user, id)]);
    page(req, res, 'briefing', {
      title: `Police briefing, episode ${b.episode.reference}`, b, alertLevel, s: patrolSheet(b, alertLevel),
      ageAssessment: labelFrom(AGE_ASSESSMENT_LABELS)(b.child.ageAssessment), ukDate, printedAt: new Date().toISOString(),
    });
  }

  /** The tracker's alert level, beside the police's own grade. The briefing is shown without it if the tracker cannot answer. */
  private alertLevel(user: SignedIn, episodeId: string) {
    return this.api.episode(user, episodeId).then((e) => e.level, () => null);
  }

  @Get('episodes/:id/update')
  async updateForm(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const user = signedIn(req, res, 'briefing');
    if (!user) return;
    const e = await this.api.episode(user, id);
    this.updatePage(req, res, { episodeId: id, reference: e.reference, form: { policeReference: e.policeReference ?? '', policeGrade: '' } }, new FormErrors());
  }

  @Post('episodes/:id/update')
  async update(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const user = signedIn(req, res, 'briefing');
    if (!user) return;
    const { form, errors, update } = readPoliceFacts((req.body ?? {}) as Record<string, unknown>);
    const { reference } = await this.api.episode(user, id);
    if (errors.any) return this.updatePage(req, res, { episodeId: id, reference, form }, errors, 400);
    try {
      await this.api.updateAbsence(user, id, update);
    } catch (e) {
      if (!isFormRefusal(e)) throw e;
      const refused = FormErrors.from(e, { 'body.policeReference': REFERENCE, 'body.policeGrade': GRADE });
      return this.updatePage(req, res, { episodeId: id, reference, form }, refused, 400);
    }
    page(req, res, 'police-update', { title: 'Police reference and grade recorded', done: true, episodeId: id, reference });
  }

  private updatePage(req: ConsoleRequest, res: Response, ctx: { episodeId: string; reference: string; form: Record<string, string> },
    errors: FormErrors, status = 200) {
    page(req, res, 'police-update', {
      title: `${errors.any ? 'Error: ' : ''}Police reference and risk grade`, ...ctx, gradeItems, errors: errors.summary, fieldErrors: errors.byField,
    }, status);
  }

  @Get('children/:id/photo')
  async photo(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const user = signedIn(req, res, 'briefing');
    if (!user) return;
    const { type, bytes } = await this.api.photo(user, id);
    res.setHeader('cache-control', 'no-store');
    res.type(type).send(bytes);
  }
}
