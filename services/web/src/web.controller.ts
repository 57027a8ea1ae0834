import { Controller, Get, Header } from '@nestjs/common';

/** Placeholder home page until the GOV.UK console (issue 7) lands; says honestly what exists. */
@Controller()
export class WebController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  home() {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Safeguard</title></head><body style="font-family:Arial,sans-serif;max-width:640px;margin:2em auto;font-size:19px">
<h1>Safeguard: missing-from-care alerting</h1>
<p>The console for care staff, duty managers and police liaison officers is not built yet.</p>
<p>Absences are reported through the intake API; alerts arrive by email.</p></body></html>`;
  }

  @Get('health/live')
  live() {
    return { status: 'up' };
  }

  @Get('health/ready')
  ready() {
    return { status: 'up' };
  }
}
