import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { CollectionYear, collectionYearOf, collectionYearStarting, ukClock, type IntakeHttp } from '@safeguard/contracts';
import type { Response } from 'express';
import { Api } from '../api.js';
import { page, signedIn, type ConsoleRequest } from '../pages/page.js';
import { barChart, heatmap } from './charts.js';
import { toCsv } from './csv.js';
import {
  complianceRows, COMPLIANCE_COLUMNS, failureRows, FAILURE_COLUMNS, linkRows, monthLabel, MONTH_KEYS, otherTables, pct, placeRows, repeatRows,
  WEEKDAYS,
} from './views.js';

type Patterns = IntakeHttp.Patterns;

/**
 * Figures and patterns for a council's managers: the statutory return, compliance by month, and patterns for
 * prevention, as charts with tables and CSV downloads. The services check role and council again, and intake
 * audits every view of child-level data.
 */
@Controller('insight')
export class InsightController {
  constructor(private readonly api: Api) {}

  /** The collection year asked for (current by default), the years offered, and the services' query for them. */
  private chosenYear(req: ConsoleRequest, user: { scope: { id: string } }) {
    const current = collectionYearOf(ukClock(new Date()).day);
    const asked = CollectionYear.safeParse(req.query.year ?? current);
    const year = asked.success ? asked.data : current;
    const first = Number(current.slice(0, 4));
    const years = [0, 1, 2].map((k) => collectionYearStarting(first - k));
    return { year, years, q: { council: user.scope.id, year } };
  }

  private csv(res: Response, name: string, body: string) {
    res.setHeader('content-disposition', `attachment; filename="${name}"`);
    res.setHeader('cache-control', 'no-store');
    res.type('text/csv; charset=utf-8').send(body);
  }

  @Get()
  async compliance(@Req() req: ConsoleRequest, @Res() res: Response) {
    const user = signedIn(req, res, 'insight');
    if (!user) return;
    const { q, year, years } = this.chosenYear(req, user);
    const c = await this.api.compliance(user, q);
    const labels = c.months.map((m) => monthLabel(m.month).slice(0, 3));
    page(req, res, 'insight-compliance', {
      title: 'Compliance figures', year, years, c, rows: complianceRows(c), columns: COMPLIANCE_COLUMNS,
      charts: {
        episodes: barChart({ title: 'Episodes by month', labels, values: c.months.map((m) => m.episodes) }),
        interviews: barChart({ title: 'Return home interviews offered within 72 hours, by month (%)', labels, values: c.months.map((m) => pct(m.returnInterviewsOffered)), unit: '%', max: 100 }),
        police: barChart({ title: "Police told within the ladder's time, by month (%)", labels, values: c.months.map((m) => pct(m.policeInformed)), unit: '%', max: 100 }),
        alerts: barChart({ title: 'Alerts acknowledged within their deadline, by month (%)', labels, values: c.months.map((m) => pct(m.alertsAcknowledged)), unit: '%', max: 100 }),
      },
    });
  }

  @Get('compliance.csv')
  async complianceCsv(@Req() req: ConsoleRequest, @Res() res: Response) {
    const user = signedIn(req, res, 'insight');
    if (!user) return;
    const { year, q } = this.chosenYear(req, user);
    const c = await this.api.compliance(user, q);
    this.csv(res, `compliance-${user.scope.id}-${year}.csv`, toCsv(COMPLIANCE_COLUMNS.map((k) => k.key), complianceRows(c)));
  }

  @Get('patterns')
  async patterns(@Req() req: ConsoleRequest, @Res() res: Response) {
    const user = signedIn(req, res, 'insight');
    if (!user) return;
    const { q, year, years } = this.chosenYear(req, user);
    const p = await this.api.patterns(user, q);
    const top = p.repeats.slice(0, 12);
    page(req, res, 'insight-patterns', {
      title: 'Patterns for prevention', year, years, p, repeats: repeatRows(p), lastSeen: p.places.lastSeen.slice(0, 10),
      found: p.places.found.slice(0, 10), links: linkRows(p),
      charts: {
        when: heatmap({ title: 'When children went missing: UK hour of day by day of week', rows: WEEKDAYS, columns: Array.from({ length: 24 }, (_, h) => String(h)), values: p.hourByWeekday }),
        repeats: barChart({ title: 'Episodes per child this year (children with the most)', labels: top.map((r) => r.CHILD || '—'), values: top.map((r) => r.total) }),
        lastSeen: barChart({ title: 'Places last seen (most frequent)', labels: p.places.lastSeen.slice(0, 8).map((x) => (x.place.length > 16 ? `${x.place.slice(0, 15)}…` : x.place)), values: p.places.lastSeen.slice(0, 8).map((x) => x.episodes) }),
      },
    });
  }

  @Get('patterns/:table')
  async patternsCsv(@Req() req: ConsoleRequest, @Res() res: Response, @Param('table') table: string) {
    const user = signedIn(req, res, 'insight');
    if (!user) return;
    const tables = new Map<string, (p: Patterns) => { columns: string[]; rows: Record<string, unknown>[] }>(Object.entries({
      'hours.csv': (p: Patterns) => ({
        columns: ['weekday', ...Array.from({ length: 24 }, (_, h) => `h${h}`)],
        rows: p.hourByWeekday.map((row, d) => ({ weekday: WEEKDAYS[d], ...Object.fromEntries(row.map((v, h) => [`h${h}`, v])) })),
      }),
      'repeats.csv': (p: Patterns) => ({ columns: ['CHILD', 'name', 'total', ...MONTH_KEYS], rows: repeatRows(p) }),
      'last-seen.csv': (p: Patterns) => ({ columns: ['place', 'episodes', 'children'], rows: placeRows(p.places.lastSeen) }),
      'found.csv': (p: Patterns) => ({ columns: ['place', 'episodes', 'children'], rows: placeRows(p.places.found) }),
      'links.csv': (p: Patterns) => ({ columns: ['kind', 'first', 'second', 'shared', 'episodes'], rows: linkRows(p) }),
    }));
    const make = tables.get(table);
    if (!make) return void page(req, res, 'message', { title: 'Page not found', heading: 'Page not found', text: 'No such download.' }, 404);
    const { year, q } = this.chosenYear(req, user);
    const p = await this.api.patterns(user, q);
    const { columns, rows } = make(p);
    this.csv(res, `patterns-${table.replace('.csv', '')}-${user.scope.id}-${year}.csv`, toCsv(columns, rows));
  }

  @Get('return')
  async missingReturn(@Req() req: ConsoleRequest, @Res() res: Response) {
    const user = signedIn(req, res, 'insight');
    if (!user) return;
    const { q, year, years } = this.chosenYear(req, user);
    const r = await this.api.missingReturn(user, q);
    const children = new Set(r.failures.map((f) => f.childId)).size;
    page(req, res, 'insight-return', {
      title: 'SSDA903 missing episodes return', year, years, r, children, failures: failureRows(r), tables: otherTables(r),
    });
  }

  /** The return's tables in the DfE layout (Missing, and Header and Episodes as far as this system knows them), and the failures. */
  @Get('return/:file')
  async missingReturnCsv(@Req() req: ConsoleRequest, @Res() res: Response, @Param('file') file: string) {
    const user = signedIn(req, res, 'insight');
    if (!user) return;
    if (!['missing.csv', 'header.csv', 'episodes.csv', 'failures.csv'].includes(file)) {
      return void page(req, res, 'message', { title: 'Page not found', heading: 'Page not found', text: 'No such download.' }, 404);
    }
    const { year, q } = this.chosenYear(req, user);
    const name = `ssda903-${file.replace('.csv', '')}-${user.scope.id}-${year}.csv`;
    if (file === 'header.csv' || file === 'episodes.csv') {
      const t = await this.api.returnTable(user, q, file === 'header.csv' ? 'header' : 'episodes');
      return this.csv(res, name, toCsv(t.columns, t.rows));
    }
    const r = await this.api.missingReturn(user, q);
    if (file === 'missing.csv') return this.csv(res, name, toCsv(r.columns, r.rows));
    this.csv(res, `ssda903-missing-failures-${user.scope.id}-${year}.csv`, toCsv(FAILURE_COLUMNS, failureRows(r)));
  }
}
