import { describe, expect, it } from '@jest/globals';
import { Controller, Module, Post, type Type } from '@nestjs/common';
import { APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import {
  apiHeaders, HealthController, MetricsController, nestRoutes, openApiDocument, PlatformRoutes, ServiceTokenGuard, tableRoutes, type ServiceApi,
} from '@safeguard/platform';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AbsenceController } from '../services/intake/src/http/absence.controller.js';
import { CareCeasedController } from '../services/intake/src/http/care-ceased.controller.js';
import { ChildController } from '../services/intake/src/http/child.controller.js';
import { DocsController as IntakeDocs } from '../services/intake/src/http/docs.controller.js';
import { InsightController } from '../services/intake/src/http/insight.controller.js';
import { PackController } from '../services/intake/src/http/pack.controller.js';
import { intakeApi } from '../services/intake/src/http/routes.js';
import { AssessmentController } from '../services/risk-scoring/src/http/assessment.controller.js';
import { DocsController as RiskDocs } from '../services/risk-scoring/src/http/docs.controller.js';
import { riskScoringApi } from '../services/risk-scoring/src/http/routes.js';
import { ComplianceController } from '../services/episode-tracker/src/http/compliance.controller.js';
import { DocsController as TrackerDocs } from '../services/episode-tracker/src/http/docs.controller.js';
import { EpisodeController } from '../services/episode-tracker/src/http/episode.controller.js';
import { episodeTrackerApi } from '../services/episode-tracker/src/http/routes.js';
import { AckController } from '../services/notifier/src/http/ack.controller.js';
import { DirectoryController } from '../services/notifier/src/http/directory.controller.js';
import { DocsController as NotifierDocs } from '../services/notifier/src/http/docs.controller.js';
import { NotifyCallbacksController } from '../services/notifier/src/http/notify-callbacks.controller.js';
import { notifierApi } from '../services/notifier/src/http/routes.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OPERATIONS = ['get', 'post', 'put', 'patch', 'delete'];

/** Each service's route table, the controllers that serve it and how many routes are its own. */
const SERVICES: [name: string, api: ServiceApi, controllers: Type<unknown>[], ownRoutes: number][] = [
  ['intake', intakeApi, [AbsenceController, CareCeasedController, ChildController, InsightController, PackController, IntakeDocs], 21],
  ['risk-scoring', riskScoringApi, [AssessmentController, RiskDocs], 1],
  ['episode-tracker', episodeTrackerApi, [EpisodeController, ComplianceController, TrackerDocs], 7],
  ['notifier', notifierApi, [AckController, DirectoryController, NotifyCallbacksController, NotifierDocs], 9],
];

describe.each(SERVICES)('the %s OpenAPI document', (name, api, controllers, ownRoutes) => {
  const committed = `services/${name}/openapi.json`;
  const document = openApiDocument(api);

  it('documents every route the controllers serve, and only those', () => {
    const served = nestRoutes([...controllers, HealthController, MetricsController]);
    expect(tableRoutes(api.routes)).toEqual(served);
    expect(served.length - Object.keys(PlatformRoutes).length).toBe(ownRoutes);
  });

  it('is committed as generated (npm run openapi rewrites it after a build)', () => {
    expect(JSON.parse(readFileSync(ROOT + committed, 'utf8'))).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('names a 4xx problem for every operation that takes input or a token', () => {
    const platform = new Set<string>(Object.values(PlatformRoutes).map((r) => r.path));
    const paths = document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    for (const [path, ops] of Object.entries(paths).filter(([p]) => !platform.has(p))) {
      for (const [method, op] of Object.entries(ops).filter(([m]) => OPERATIONS.includes(m))) {
        expect([method, path, Object.keys(op.responses).some((s) => s.startsWith('4'))]).toEqual([method, path, true]);
      }
    }
  });

  it('passes redocly lint (recommended rules, redocly.yaml) with no error or warning', () => {
    const run = spawnSync(process.execPath, [ROOT + 'node_modules/@redocly/cli/bin/cli.js', 'lint', '--format=json', committed], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(run.status).toBe(0);
  });
});

describe('/api/docs', () => {
  it('serves the document and its page without a token, under the API CSP, while the API itself needs one', async () => {
    // The real guard, with a verifier that refuses every token: the docs answer only because they are @Public().
    @Controller('api/v1/absences')
    class Guarded {
      @Post()
      report() {
        return {};
      }
    }
    @Module({
      controllers: [IntakeDocs, Guarded],
      providers: [{ provide: APP_GUARD, useFactory: (r: Reflector) => new ServiceTokenGuard(r, async () => ({ ok: false, reason: 'no' })), inject: [Reflector] }],
    })
    class DocsOnly {}
    const app = await NestFactory.create(DocsOnly, { logger: false, abortOnError: false });
    app.use(apiHeaders());
    await app.listen(0, '127.0.0.1');
    try {
      const base = await app.getUrl();
      const json = await fetch(`${base}/api/docs/openapi.json`);
      expect(json.status).toBe(200);
      expect(await json.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument(intakeApi))));
      const page = await fetch(`${base}/api/docs`);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await page.text();
      expect(html).toContain('<code>/api/v1/absences/{episodeId}/return</code>');
      expect(html).not.toMatch(/<script|style=/i);
      expect((await fetch(`${base}/api/v1/absences`, { method: 'POST' })).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
