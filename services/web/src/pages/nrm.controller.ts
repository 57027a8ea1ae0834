import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Api } from '../api.js';
import { ukDate } from './calendar-date.js';
import { page, signedIn, type ConsoleRequest } from './page.js';

/**
 * The council's watch on Reasonable Grounds decisions (docs/domain.md §1a): every child it referred to the NRM who is
 * still waiting, with the due date, how late it is and whether the child is missing now. Intake counts the working days.
 */
@Controller('nrm')
export class NrmController {
  constructor(private readonly api: Api) {}

  @Get()
  async watch(@Req() req: ConsoleRequest, @Res() res: Response) {
    const user = signedIn(req, res, 'nrm');
    if (!user) return;
    const w = await this.api.nrmWatch(user, user.scope.id);
    page(req, res, 'nrm-watch', { title: 'NRM decisions awaited', w, ukDate });
  }
}
