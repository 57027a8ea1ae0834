import { EpisodeTrackerHttp as Tracker, IntakeHttp as Intake } from '@safeguard/contracts';
import type { Audience, SignServiceToken } from '@safeguard/platform';
import type { z } from 'zod';
import type { SignedIn } from './domain/signed-in.js';

type Service = 'intake' | 'tracker';
const AUDIENCE: Record<Service, Audience> = { intake: 'intake', tracker: 'episode-tracker' };

/** A service refused or failed a call: its status and problem details. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly body: Record<string, unknown>) {
    super(`service answered ${status}`);
  }
}

/**
 * A service answered with a body the console does not understand (its contract in @safeguard/contracts drifted):
 * names the call and each field that is wrong, never a value.
 */
export class ResponseMismatch extends Error {
  override readonly name = 'ResponseMismatch';
  constructor(readonly service: Service, readonly call: string, readonly issues: string[]) {
    super(`${service} ${call} answered with a body the console does not understand: ${issues.join('; ')}`);
  }
}

/** A path with its parameters encoded, and its route (parameters as {}) to name it in errors and logs. */
interface Route {
  path: string;
  route: string;
}
const route = (strings: TemplateStringsArray, ...params: string[]): Route => ({
  path: strings.reduce((path, s, i) => path + s + (i < params.length ? encodeURIComponent(params[i]!) : ''), ''),
  route: strings.join('{}'),
});

/** Which council and collection year an insight view is for. */
export interface InsightFor {
  council: string;
  year: string;
}

/**
 * Calls intake and the episode-tracker on behalf of the signed-in person, with a short-lived signed token carrying
 * their role and scope. Each answer the console reads is parsed with its schema from @safeguard/contracts.
 */
export class Api {
  constructor(private readonly sign: SignServiceToken, private readonly base: Record<Service, string>) {}

  // Intake.

  childrenAt(user: SignedIn, homeId: string): Promise<Intake.HomeChildren> {
    return this.read(user, 'intake', route`/homes/${homeId}/children`, Intake.HomeChildren);
  }

  child(user: SignedIn, childId: string): Promise<Intake.Child> {
    return this.read(user, 'intake', route`/children/${childId}`, Intake.Child);
  }

  reportAbsence(user: SignedIn, report: unknown, idempotencyKey: string): Promise<Intake.AbsenceRecorded> {
    return this.read(user, 'intake', route`/absences`, Intake.AbsenceRecorded, { method: 'POST', body: report, headers: { 'idempotency-key': idempotencyKey } });
  }

  /** New facts on an open episode (PATCH: only what changed): carers' facts, or the police's reference and grade. */
  async updateAbsence(user: SignedIn, episodeId: string, update: unknown): Promise<void> {
    await this.send(user, 'intake', 'PATCH', route`/absences/${episodeId}`, update);
  }

  /** What has been recorded of an absence (Part 2), for those acting for the child: audited by intake. */
  recordedAbsence(user: SignedIn, episodeId: string): Promise<Intake.AbsenceReport> {
    return this.read(user, 'intake', route`/absences/${episodeId}`, Intake.AbsenceReport);
  }

  /** The police briefing for an open episode: audited by intake with the episode, on every read. */
  briefing(user: SignedIn, episodeId: string): Promise<Intake.PoliceBriefing> {
    return this.read(user, 'intake', route`/absences/${episodeId}/briefing`, Intake.PoliceBriefing);
  }

  home(user: SignedIn, homeId: string): Promise<Intake.Home> {
    return this.read(user, 'intake', route`/homes/${homeId}`, Intake.Home);
  }

  nrmWatch(user: SignedIn, council: string): Promise<Intake.NrmWatch> {
    return this.read(user, 'intake', route`/insight/nrm-watch?council=${council}`, Intake.NrmWatch);
  }

  async reportReturn(user: SignedIn, episodeId: string, report: unknown): Promise<void> {
    await this.send(user, 'intake', 'POST', route`/absences/${episodeId}/return`, report);
  }

  async photo(user: SignedIn, childId: string): Promise<{ type: string; bytes: Buffer }> {
    const { path } = route`/children/${childId}/information-pack/photo`;
    const res = await fetch(new URL(`/api/v1${path}`, this.base.intake), { headers: { authorization: `Bearer ${await this.token(user, 'intake')}` } });
    if (!res.ok) throw new ApiError(res.status, {});
    return { type: res.headers.get('content-type') ?? 'application/octet-stream', bytes: Buffer.from(await res.arrayBuffer()) };
  }

  patterns(user: SignedIn, q: InsightFor): Promise<Intake.Patterns> {
    return this.read(user, 'intake', route`/insight/patterns?council=${q.council}&year=${q.year}`, Intake.Patterns);
  }

  missingReturn(user: SignedIn, q: InsightFor): Promise<Intake.MissingReturn> {
    return this.read(user, 'intake', route`/insight/ssda903-missing?council=${q.council}&year=${q.year}`, Intake.MissingReturn);
  }

  /** The SSDA903 Header or Episodes table beside Missing, as far as intake knows it. */
  returnTable(user: SignedIn, q: InsightFor, table: 'header' | 'episodes'): Promise<Intake.ReturnTable> {
    return table === 'header'
      ? this.read(user, 'intake', route`/insight/ssda903-header?council=${q.council}&year=${q.year}`, Intake.ReturnTable)
      : this.read(user, 'intake', route`/insight/ssda903-episodes?council=${q.council}&year=${q.year}`, Intake.ReturnTable);
  }

  // Episode-tracker.

  openEpisodes(user: SignedIn): Promise<Tracker.EpisodeList> {
    return this.read(user, 'tracker', route`/episodes?state=open`, Tracker.EpisodeList);
  }

  episode(user: SignedIn, episodeId: string): Promise<Tracker.EpisodeDetail> {
    return this.read(user, 'tracker', route`/episodes/${episodeId}`, Tracker.EpisodeDetail);
  }

  awaitingAlerts(user: SignedIn): Promise<Tracker.AwaitingAlerts> {
    return this.read(user, 'tracker', route`/alerts/awaiting`, Tracker.AwaitingAlerts);
  }

  async acknowledge(user: SignedIn, alertId: string, ack: { policeReference?: string } = {}): Promise<void> {
    await this.send(user, 'tracker', 'POST', route`/alerts/${alertId}/acknowledge`, ack);
  }

  async recordOutcome(user: SignedIn, taskId: string, outcome: { outcome: string; refused: boolean }): Promise<void> {
    await this.send(user, 'tracker', 'PATCH', route`/tasks/${taskId}`, outcome);
  }

  compliance(user: SignedIn, q: InsightFor): Promise<Tracker.Compliance> {
    return this.read(user, 'tracker', route`/insight/compliance?council=${q.council}&year=${q.year}`, Tracker.Compliance);
  }

  /** A two-minute token for one service: it is refused by every other. */
  private token(user: SignedIn, service: Service): Promise<string> {
    return this.sign({ sub: user.accountId, role: user.role, scope: user.scope }, AUDIENCE[service], 120);
  }

  /** Calls, then parses the answer with its schema: a drift fails here, naming each field. */
  private async read<S extends z.ZodType>(user: SignedIn, service: Service, r: Route, schema: S,
    call: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<z.output<S>> {
    const method = call.method ?? 'GET';
    const parsed = schema.safeParse(await this.send(user, service, method, r, call.body, call.headers));
    if (!parsed.success) {
      throw new ResponseMismatch(service, `${method} ${r.route}`, parsed.error.issues.map((i) => `${i.path.join('.') || '(the body)'}: ${i.message}`));
    }
    return parsed.data;
  }

  private async send(user: SignedIn, service: Service, method: string, r: Route, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    const res = await fetch(new URL(`/api/v1${r.path}`, this.base[service]), {
      method, headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.token(user, service)}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json().catch(() => ({}));
    if (!res.ok) throw new ApiError(res.status, (json ?? {}) as Record<string, unknown>);
    return json;
  }
}
