import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentCaller, parseInput, type Caller } from '@safeguard/platform';
import { CareCeasedService } from '../application/care-ceased.service.js';
import { ChildRoutes as R } from './routes.js';

@Controller('api/v1')
export class CareCeasedController {
  constructor(private readonly careCeased: CareCeasedService) {}

  /** The child ceased to be looked after on `on`, for `reason` (an SSDA903 REC code): their current placement ends. */
  @Post('children/:id/ceased-care')
  @HttpCode(200)
  record(@CurrentCaller() caller: Caller, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parseInput(R.ceasedCare.params, params, 'path');
    return this.careCeased.record(caller, id, parseInput(R.ceasedCare.body, body));
  }
}
