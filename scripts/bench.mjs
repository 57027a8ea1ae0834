// npm run bench: measures the system against its physical floor on this machine and prints a table (and JSON in
// bench-results/). Env: BENCH_SECONDS (60), BENCH_RATES (reports/s, one run each, in order; `rate:seconds` for a run of
// its own length; a rate given more than once is summarised across its runs; default 10,50,50,50,50,50,100),
// BENCH_CLOCK (10000,50000 open episodes),
// BENCH_REPLICAS (1; 2 runs two replicas of every service on the same databases and consumer groups).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import pg from 'pg';
import { createKafka } from '@safeguard/platform';
import { startStack } from '@safeguard/testing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RUNS = (process.env.BENCH_RATES ?? '10,50,50,50,50,50,100').split(',').map((r) => {
  const [rate, seconds] = r.split(':').map(Number);
  return { rate, seconds: seconds || SECONDS };
});
const CLOCK = (process.env.BENCH_CLOCK ?? '10000,50000').split(',').filter(Boolean).map(Number); // empty: no clock step
const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN; };
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
const sleep = (t) => new Promise((r) => setTimeout(r, t));
const log = (...a) => console.error('bench:', ...a);

/** CPU seconds used so far, by part of the system (services, PostgreSQL, Kafka, Redis, this load generator), from /proc. */
const TICK = 100; // USER_HZ: /proc counts CPU time in hundredths of a second
function cpuByPart() {
  const parts = {};
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let args;
    let fields;
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' '); // after "pid (comm) "
    } catch {
      continue; // gone meanwhile
    }
    const part = /services\/([a-z-]+)\/dist\/main/.exec(args)?.[1] ?? (/^postgres/.test(args) ? 'postgresql' : /kafka\.Kafka/.test(args) ? 'kafka'
      : /redis-server/.test(args) ? 'redis' : Number(pid) === process.pid ? 'load generator + SMTP sink' : undefined);
    // utime and stime, and those of ended children (cutime, cstime): for PostgreSQL, its ended backends
    if (part) parts[part] = (parts[part] ?? 0) + (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICK;
  }
  return parts;
}
/** CPU seconds the whole machine has been busy (every process and the kernel), from /proc/stat. */
function machineBusy() {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / TICK;
}
const cpuDelta = (a, b, seconds) => Object.fromEntries(Object.keys(b).map((k) => [k, `${Math.round((100 * (b[k] - (a[k] ?? 0))) / seconds)}%`]));

const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1);
const stack = await startStack('bench', { partitions: 12, serviceReplicas: REPLICAS }); // as npm start and create-topics make them
const result = { machine: { cores: 2, node: process.version }, runs: RUNS, replicasPerService: REPLICAS };
try {
  // --- the floor: one Kafka produce→consume round trip, one SMTP send, on the same broker and sink -------------------
  const kafka = createKafka({ brokers: stack.kafkaBrokers, clientId: 'bench-floor' });
  const topic = `${stack.topicPrefix}intake.child-returned.v1.dlq`; // no service reads it
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `${stack.topicPrefix}bench-floor` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: false });
  const waiting = new Map();
  await consumer.run({ eachMessage: async ({ message }) => waiting.get(String(message.value))?.() });
  await sleep(3_000);
  const kafkaRtt = [];
  for (let i = 0; i < 200; i++) {
    const id = randomUUID();
    const t0 = performance.now();
    await new Promise((resolve) => { waiting.set(id, resolve); producer.send({ topic, messages: [{ key: 'k', value: id }] }); });
    kafkaRtt.push(performance.now() - t0);
  }
  await Promise.all([consumer.disconnect(), producer.disconnect()]);
  const smtp = createTransport({ pool: true, maxConnections: 1, host: '127.0.0.1', port: stack.sink.port, secure: false, ignoreTLS: true });
  await smtp.sendMail({ from: 'bench@example.org', to: 'floor@example.org', subject: 'warm-up', text: 'warm-up' }); // as the notifier's pool: connected
  const smtpSend = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await smtp.sendMail({ from: 'bench@example.org', to: 'floor@example.org', subject: 'floor', text: 'floor' });
    smtpSend.push(performance.now() - t0);
  }
  // One durable PostgreSQL commit (an insert, synchronous_commit on, as the services write), on the same server.
  const floorDb = new pg.Client({ connectionString: stack.databaseUrl('intake') });
  await floorDb.connect();
  await floorDb.query('CREATE TABLE IF NOT EXISTS bench_floor_commit (id uuid PRIMARY KEY)');
  const commit = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await floorDb.query('BEGIN');
    await floorDb.query('INSERT INTO bench_floor_commit (id) VALUES ($1)', [randomUUID()]);
    await floorDb.query('COMMIT');
    commit.push(performance.now() - t0);
  }
  await floorDb.query('DROP TABLE bench_floor_commit');
  await floorDb.end();
  const floor = {
    kafkaRoundTripP50: pct(kafkaRtt, 50), kafkaRoundTripP99: pct(kafkaRtt, 99), smtpSendP50: pct(smtpSend, 50), smtpSendP99: pct(smtpSend, 99),
    commitP50: pct(commit, 50), commitP99: pct(commit, 99),
  };
  // report→alert crosses three Kafka hops (reported, assessed, alert requested) and one SMTP send
  floor.reportToAlertHops = 3 * floor.kafkaRoundTripP50 + floor.smtpSendP50;
  // The durable floor: each hop also commits once (intake's report, risk-scoring's assessment, the tracker's episode,
  // the notifier's delivery) before the send: nothing faster keeps every step on disk.
  floor.durable = floor.reportToAlertHops + 4 * floor.commitP50;
  result.floor = floor;
  log('floor', floor);

  // --- children to report (each report needs a child without an open episode) ---------------------------------------
  // Tokens are promises (signing is asynchronous); each call site awaits the one it holds.
  const manager = () => stack.token('intake', { sub: 'bench', role: 'team-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } }, 600);
  const care = () => stack.token('intake', { sub: 'bench-care', role: 'care-staff', scope: { kind: 'home', id: OAK_HOUSE } }, 600);
  const WARM_UP = 100; // reports at 10/s before the first measured rate (JIT, connection pools), not counted
  const GUARANTEE_REPORTS = 100; // for each of the two guarantee figures (G1, G4), after the rates
  const needed = WARM_UP + RUNS.reduce((s, r) => s + r.rate * r.seconds, 0) + 2 * GUARANTEE_REPORTS;
  const children = [];
  let token = manager();
  for (let i = 0; i < needed; i += 25) {
    if (i % 2_000 === 0) token = manager();
    const batch = await Promise.all(Array.from({ length: Math.min(25, needed - i) }, async () => fetch(`${stack.url('intake')}/api/v1/children`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await token}` },
      body: JSON.stringify({ homeId: OAK_HOUSE, givenName: 'Bench', familyName: 'Child', dateOfBirth: '2010-03-03', placingCouncil: 'DEMO-COUNCIL',
        hostCouncil: 'DEMO-COUNCIL', placementStart: '2025-01-01', accommodation: 'childrens-home', legalStatus: 's20-voluntary' }),
    }).then((r) => r.json())));
    children.push(...batch.map((c) => c.id));
  }
  log(`registered ${children.length} children`);
  // Measure the steady state: wait until every profile has been taken in (3,000 registrations are a burst of
  // their own), then give the services a short warm-up at a low rate before the first measured rate.
  // risk-scoring and the episode-tracker each keep the profiles they need.
  for (const service of ['risk-scoring', 'episode-tracker']) {
    const db = new pg.Client({ connectionString: stack.databaseUrl(service) });
    await db.connect();
    for (let w = 0; w < 600; w++) {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM child_profile WHERE child_id = ANY($1::uuid[])', [children]);
      if (rows[0].n >= children.length) break;
      await sleep(500);
    }
    await db.end();
  }
  log('risk-scoring and the episode-tracker have every profile');
  const report = async (childId, token) => fetch(`${stack.url('intake')}/api/v1/absences`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await token}` },
    body: JSON.stringify({ childId, classification: 'M', lastSeen: { at: new Date(Date.now() - 3_600_000).toISOString(), where: 'x', by: 'y' },
      discoveredAt: new Date(Date.now() - 60_000).toISOString(), circumstances: [] }),
  });
  const warm = [];
  for (let i = 0; i < WARM_UP; i++) {
    warm.push(report(children[i], care()).then((r) => r.text()));
    await sleep(100);
  }
  await Promise.all(warm);
  await sleep(3_000);
  log(`warmed up with ${WARM_UP} reports at 10/s`);
  result.rssIdleMiB = stack.rss();
  // What the machine spends with nothing to do (pollers, heartbeats, the clock's sweeps), so that a report's cost is its own.
  const idleFrom = { busy: machineBusy(), at: performance.now() };
  await sleep(10_000);
  result.idleCores = (machineBusy() - idleFrom.busy) / ((performance.now() - idleFrom.at) / 1000);

  // --- report→alert latency at steady rates --------------------------------------------------------------------------
  const received = new Map();
  const seen = new Set();
  const harvest = () => {
    for (const m of stack.sink.messages) {
      const ref = /MFC-\d{4}-\d{6}/.exec(m.subject)?.[0];
      if (ref && !seen.has(ref)) { seen.add(ref); received.set(ref, m.receivedAt); }
    }
  };
  // Where the time goes, per episode, from each service's own records: report → assessed (intake's outbox, Kafka,
  // risk-scoring) → episode opened with its first alert (risk's outbox, Kafka, tracker) → delivery row created
  // (tracker's outbox, Kafka, notifier) → sent (BullMQ, SMTP). p50/p99 of each stage.
  const dbs = Object.fromEntries(await Promise.all(['intake', 'risk-scoring', 'episode-tracker', 'notifier'].map(async (s) => {
    const c = new pg.Client({ connectionString: stack.databaseUrl(s) });
    await c.connect();
    return [s, c];
  })));
  const stages = async (refs) => {
    const byEpisode = new Map();
    const at = (rows, key) => { for (const r of rows) if (byEpisode.has(r.e)) byEpisode.get(r.e)[key] = new Date(r.t).getTime(); };
    for (const r of (await dbs.intake.query('SELECT episode_id AS e, reported_at AS t FROM absence WHERE reference = ANY($1)', [refs])).rows) {
      byEpisode.set(r.e, { reported: new Date(r.t).getTime() });
    }
    const ids = [...byEpisode.keys()];
    at((await dbs['risk-scoring'].query('SELECT episode_id AS e, min(assessed_at) AS t FROM assessment WHERE episode_id = ANY($1) GROUP BY 1', [ids])).rows, 'assessed');
    at((await dbs['episode-tracker'].query('SELECT id AS e, opened_at AS t FROM episode WHERE id = ANY($1)', [ids])).rows, 'opened');
    at((await dbs.notifier.query(`SELECT a.episode_id AS e, min(d.created_at) AS t FROM delivery d JOIN alert a ON a.id = d.alert_id
      WHERE a.episode_id = ANY($1) GROUP BY 1`, [ids])).rows, 'queued');
    at((await dbs.notifier.query(`SELECT a.episode_id AS e, min(d.sent_at) AS t FROM delivery d JOIN alert a ON a.id = d.alert_id
      WHERE a.episode_id = ANY($1) GROUP BY 1`, [ids])).rows, 'sent');
    const steps = [['reported', 'assessed'], ['assessed', 'opened'], ['opened', 'queued'], ['queued', 'sent']];
    return Object.fromEntries(steps.map(([a, b]) => {
      const d = [...byEpisode.values()].filter((x) => x[a] && x[b]).map((x) => x[b] - x[a]);
      return [`${a}→${b}`, { p50: pct(d, 50), p99: pct(d, 99) }];
    }));
  };
  result.rates = [];
  const prev = {};
  let next = WARM_UP;
  for (const { rate, seconds } of RUNS) {
    const sent = [];
    const total = rate * seconds;
    const start = performance.now() + 200;
    const startEpoch = Date.now() + 200;
    const cpuBefore = cpuByPart();
    const machineBefore = { busy: machineBusy(), at: performance.now(), messages: stack.sink.messages.length + stack.notify.messages.length };
    let rssUnderLoad;
    const rssPeak = {};
    const rssTimer = setInterval(() => { for (const [k, v] of Object.entries(stack.rss())) rssPeak[k] = Math.max(rssPeak[k] ?? 0, v); }, 2_000);
    let careToken = care();
    const inflight = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (i === Math.floor(total / 2)) rssUnderLoad = stack.rss();
      if (i % 1_000 === 0) careToken = care();
      const childId = children[next++];
      const sentAt = startEpoch + (i * 1000) / rate;
      inflight.push(report(childId, careToken).then(async (r) => { const b = await r.json(); sent.push({ ref: b.reference, at: Date.now() - (Date.now() - sentAt), t: (sentAt - startEpoch) / 1000 }); }));
    }
    await Promise.all(inflight);
    clearInterval(rssTimer);
    const cpuDuring = cpuDelta(cpuBefore, cpuByPart(), seconds);
    for (let w = 0; w < 60 && sent.some((s) => !received.has(s.ref)); w++) { harvest(); await sleep(500); }
    harvest();
    // The whole machine's CPU for this run's reports, until the last was alerted, less what it spends idle.
    const busySeconds = machineBusy() - machineBefore.busy - result.idleCores * ((performance.now() - machineBefore.at) / 1000);
    const messagesPerReport = (stack.sink.messages.length + stack.notify.messages.length - machineBefore.messages) / total;
    const lat = sent.filter((s) => received.has(s.ref)).map((s) => ({ t: s.t, ms: received.get(s.ref) - s.at }));
    const values = lat.map((l) => l.ms);
    const first = lat.filter((l) => l.t < seconds / 4).map((l) => l.ms);
    const last = lat.filter((l) => l.t >= (3 * seconds) / 4).map((l) => l.ms);
    const row = {
      rate, seconds, reports: total, delivered: lat.length, missing: total - lat.length,
      p50: pct(values, 50), p95: pct(values, 95), p99: pct(values, 99),
      p99FirstQuarter: pct(first, 99), p99LastQuarter: pct(last, 99),
      p99Every5s: Array.from({ length: Math.ceil(seconds / 5) }, (_, k) => pct(lat.filter((l) => l.t >= 5 * k && l.t < 5 * (k + 1)).map((l) => l.ms), 99)),
      ratioP99ToFloor: pct(values, 99) / floor.reportToAlertHops, ratioP50ToDurableFloor: pct(values, 50) / floor.durable,
      rssUnderLoadMiB: rssUnderLoad, rssPeakMiB: rssPeak, cpuOfOneCore: cpuDuring,
      cpuMsPerReport: (1000 * busySeconds) / total, messagesPerReport,
    };
    // The backlog: reports accepted but not yet alerted, each second of the run (from the send and receipt times).
    const sentTimes = sent.map((x) => x.at).sort((a, b) => a - b);
    const alertedTimes = sent.filter((x) => received.has(x.ref)).map((x) => received.get(x.ref)).sort((a, b) => a - b);
    const upTo = (xs, t) => { let lo = 0; let hi = xs.length; while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid] <= t) lo = mid + 1; else hi = mid; } return lo; };
    row.backlogEverySecond = Array.from({ length: seconds }, (_, k) => upTo(sentTimes, startEpoch + (k + 1) * 1000) - upTo(alertedTimes, startEpoch + (k + 1) * 1000));
    // Where the time goes: the two halves measured inside the services (mean over this run).
    const mean = async (service, name) => {
      const text = await (await fetch(`${stack.url(service)}/metrics`)).text();
      const sum = Number(new RegExp(`^${name}_sum (\\S+)`, 'm').exec(text)?.[1]);
      const count = Number(new RegExp(`^${name}_count (\\S+)`, 'm').exec(text)?.[1]);
      return { sum, count };
    };
    const [tr, nt] = await Promise.all([mean('episode-tracker', 'report_to_alert_requested_seconds'), mean('notifier', 'alert_requested_to_delivered_seconds')]);
    const delta = (now, key) => { const before = prev[key] ?? { sum: 0, count: 0 }; prev[key] = now; return ((now.sum - before.sum) / Math.max(1, now.count - before.count)) * 1000; };
    row.meanReportToAlertRequested = delta(tr, 'tracker');
    row.meanAlertRequestedToDelivered = delta(nt, 'notifier');
    row.stagesMs = await stages(sent.map((x) => x.ref));
    // Sustained, honestly: nothing lost, p99 under 1 s in every 5-s window of the run, and a flat backlog: never more
    // than one second's reports waiting, and no trend upwards: the backlog's least-squares line rises by less than a
    // quarter of a second's reports over the run (comparing single seconds took a report in flight at the wrong
    // moment, 3 waiting instead of 1 at 10/s, for growth).
    const b = row.backlogEverySecond;
    row.backlogRise = rise(b);
    row.backlogFlat = Math.max(0, ...b) <= rate && row.backlogRise <= Math.max(1, rate / 4);
    row.p99Under1sThroughout = row.p99Every5s.every((x) => !Number.isFinite(x) || x < 1_000);
    row.sustained = row.missing === 0 && row.p99Under1sThroughout && row.backlogFlat;
    result.rates.push(row);
    log(`rate ${rate}/s (run ${result.rates.length} of ${RUNS.length})`, row);
    await sleep(3_000);
  }
  for (const c of Object.values(dbs)) await c.end();
  // A rate run more than once counts only if it held in every run.
  const inEveryRun = (held) => Math.max(0, ...result.rates.filter((r) => result.rates.every((o) => o.rate !== r.rate || held(o))).map((r) => r.rate));
  result.highestSustainedRate = inEveryRun((r) => r.sustained);
  result.largestRateP99Under1s = inEveryRun((r) => r.missing === 0 && r.p99 < 1_000);

  // --- guarantees: report → first alert request with risk-scoring stopped (G1); rise in risk → new alerts (G4) ------------
  const trackerDb = new pg.Client({ connectionString: stack.databaseUrl('episode-tracker') });
  await trackerDb.connect();
  /** For each episode, the time from `sentAt` to its first alert requested at or after it (tracker's own clock). */
  const firstAlertAfter = async (sentAt) => {
    let latencies = [];
    for (let w = 0; w < 120 && latencies.length < sentAt.size; w++) {
      const { rows } = await trackerDb.query('SELECT episode_id AS e, requested_at AS t FROM alert WHERE episode_id = ANY($1::uuid[])', [[...sentAt.keys()]]);
      const first = new Map();
      for (const r of rows) {
        const t = new Date(r.t).getTime();
        if (t >= sentAt.get(r.e) && t < (first.get(r.e) ?? Infinity)) first.set(r.e, t);
      }
      latencies = [...first].map(([e, t]) => t - sentAt.get(e));
      await sleep(500);
    }
    return latencies;
  };
  const spare = children.slice(-2 * GUARANTEE_REPORTS);
  result.guarantees = {};
  log('G1: stopping risk-scoring');
  for (const p of stack.replicas('risk-scoring')) await p.stop();
  const g1Sent = new Map();
  const g1 = [];
  for (const childId of spare.slice(0, GUARANTEE_REPORTS)) {
    const t = Date.now();
    g1.push(report(childId, care()).then((r) => r.json()).then((b) => g1Sent.set(b.episodeId, t)));
    await sleep(100);
  }
  await Promise.all(g1);
  const g1Latency = await firstAlertAfter(g1Sent);
  result.guarantees.reportToFirstAlertScoringStopped = { reports: g1Sent.size, alerted: g1Latency.length, p50: pct(g1Latency, 50), p99: pct(g1Latency, 99) };
  log('G1', result.guarantees.reportToFirstAlertScoringStopped);
  for (const p of stack.replicas('risk-scoring')) await p.start();
  // G4: open episodes of children with no flags (S-low), then each child's profile turns to suspected trafficking.
  const g4Children = spare.slice(GUARANTEE_REPORTS);
  const g4Episodes = new Map();
  await Promise.all(g4Children.map((childId) => report(childId, care()).then((r) => r.json()).then((b) => g4Episodes.set(childId, b.episodeId))));
  await sleep(5_000);
  const g4Sent = new Map();
  const patches = [];
  for (const childId of g4Children) {
    const t = Date.now();
    g4Sent.set(g4Episodes.get(childId), t);
    patches.push(fetch(`${stack.url('intake')}/api/v1/children/${childId}`, { method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await manager()}` }, body: JSON.stringify({ trafficking: { status: 'suspected' } }) }));
    await sleep(100);
  }
  await Promise.all(patches);
  const g4Latency = await firstAlertAfter(g4Sent);
  result.guarantees.riseInRiskToNewAlerts = { changes: g4Sent.size, alerted: g4Latency.length, p50: pct(g4Latency, 50), p99: pct(g4Latency, 99) };
  log('G4', result.guarantees.riseInRiskToNewAlerts);
  await trackerDb.end();

  // --- clock lateness with many open episodes --------------------------------------------------------------------------
  const db = new pg.Client({ connectionString: stack.databaseUrl('episode-tracker') });
  await db.connect();
  result.clock = [];
  for (const n of CLOCK) {
    const perSecond = 500;
    const spread = n / perSecond;
    const batch = `bench-${randomUUID().slice(0, 8)}`;
    await db.query(`INSERT INTO episode (id, reference, child_id, home_id, placing_council, police_force, classification, state, discovered_at, level, ladder)
      SELECT gen_random_uuid(), $2 || '-' || g, gen_random_uuid(), gen_random_uuid(), 'BENCH', 'BENCH', 'M', 'open', now(), 'low', 'S-low'
        FROM generate_series(1, $1) g`, [n, batch]);
    // One pending step per open episode, due at a steady rate; a step for a task that does not exist fires and does nothing.
    await db.query(`INSERT INTO timer (id, kind, due_at, payload, state, token)
      SELECT 'task:' || $2 || ':' || g, 'task', now() + interval '5 seconds' + (g * ($3::float / $1)) * interval '1 second',
             jsonb_build_object('taskId', gen_random_uuid()), 'pending', gen_random_uuid() FROM generate_series(1, $1) g`, [n, batch, spread]);
    const deadline = Date.now() + (spread + 120) * 1000;
    while (Date.now() < deadline) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM timer WHERE id LIKE $1 AND state = 'pending'`, [`task:${batch}:%`]);
      if (rows[0].n === 0) break;
      await sleep(1_000);
    }
    const { rows } = await db.query(`SELECT count(*) FILTER (WHERE state = 'fired')::int AS fired,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)) * 1000 AS p50,
        percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)) * 1000 AS p99
      FROM timer WHERE id LIKE $1`, [`task:${batch}:%`]);
    const row = { openEpisodes: n, stepsPerSecond: perSecond, fired: rows[0].fired, latenessP50: Number(rows[0].p50), latenessP99: Number(rows[0].p99) };
    result.clock.push(row);
    log('clock', row);
  }
  await db.end();

  // --- scoring throughput (pure) --------------------------------------------------------------------------------------
  result.scoring = execFileSync(process.execPath, ['services/risk-scoring/dist/bench/scoring-bench.js'], { encoding: 'utf8' }).trim();
} finally {
  await stack.stop();
}

mkdirSync('bench-results', { recursive: true });
const file = `bench-results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify(result, null, 2));
const f = result.floor;
/** How much a series rises from its first to its last point along its least-squares line. */
function rise(ys) {
  const n = ys.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, y) => a + y, 0) / n;
  const slope = ys.reduce((a, y, x) => a + (x - mx) * (y - my), 0) / ys.reduce((a, _, x) => a + (x - mx) ** 2, 0);
  return slope * (n - 1);
}
/** What a report costs the machine, and the rate two cores could carry at that cost with nothing else to do. */
function costs({ rates, idleCores }) {
  // Only runs whose every report was alerted: the others stopped counting before their work was done.
  const cheapest = Math.min(...rates.filter((r) => r.missing === 0).map((r) => r.cpuMsPerReport));
  return `CPU per report, every process and the kernel, idle (${idleCores.toFixed(2)} cores) taken off: ${rates.map((r) => `${r.rate}/s ${r.cpuMsPerReport.toFixed(1)} ms${r.missing ? ' (not all alerted: too low)' : ''}, ${r.messagesPerReport.toFixed(1)} messages sent per report`).join('; ')}
at ${cheapest.toFixed(1)} ms a report, two cores carry at most ${Math.max(0, Math.floor(((2 - idleCores) * 1000) / cheapest))} reports/s`;
}
/** For a rate run more than once: its p99 in each run; in how many runs it was sustained; in how many p99 ≤ 300 ms. */
function repeated(rows) {
  return [...new Set(rows.map((r) => r.rate))].map((rate) => rows.filter((r) => r.rate === rate)).filter((runs) => runs.length > 1)
    .map((runs) => `${runs[0].rate}/s in ${runs.length} runs: p99 ${runs.map((r) => Math.round(r.p99)).join(', ')} ms; sustained in ${runs.filter((r) => r.sustained).length} of ${runs.length}, p99 ≤ 300 ms in ${runs.filter((r) => r.missing === 0 && r.p99 <= 300).length} of ${runs.length}\n`).join('');
}
console.log(`
Safeguard benchmark (${[...new Set(RUNS.map((r) => r.seconds))].join(' or ')} s per run, 2 cores, ${REPLICAS} replica${REPLICAS === 1 ? '' : 's'} per service)
floor      Kafka produce→consume p50 ${ms(f.kafkaRoundTripP50)} (p99 ${ms(f.kafkaRoundTripP99)}); SMTP send p50 ${ms(f.smtpSendP50)}; PostgreSQL commit p50 ${ms(f.commitP50)}; report→alert hops (3 Kafka + 1 SMTP) ${ms(f.reportToAlertHops)}; durable floor (+ 4 commits) ${ms(f.durable)}
rate/s  seconds  reports  missing      p50        p95        p99   p50/durable  backlog max  sustained
${result.rates.map((r) => `${String(r.rate).padStart(6)}  ${String(r.seconds).padStart(7)}  ${String(r.reports).padStart(7)}  ${String(r.missing).padStart(7)}  ${ms(r.p50).padStart(9)}  ${ms(r.p95).padStart(9)}  ${ms(r.p99).padStart(9)}  ${r.ratioP50ToDurableFloor.toFixed(1).padStart(11)}  ${String(Math.max(0, ...r.backlogEverySecond)).padStart(11)}  ${r.sustained ? 'yes' : `no (${[r.missing ? `${r.missing} not yet alerted 30 s after the run` : '', r.p99Under1sThroughout ? '' : 'p99 ≥ 1 s', r.backlogFlat ? '' : 'backlog grew'].filter(Boolean).join(', ')})`}`).join('\n')}
${result.rates.map((r) => `backlog at ${r.rate}/s, every 5 s: ${r.backlogEverySecond.filter((_, i) => i % 5 === 4).join(' ')}`).join('\n')}
${result.rates.map((r) => `where the time goes at ${r.rate}/s (p50/p99 ms): ${Object.entries(r.stagesMs).map(([k, v]) => `${k} ${Math.round(v.p50)}/${Math.round(v.p99)}`).join(', ')}`).join('\n')}
${costs(result)}
${repeated(result.rates)}highest rate sustained in every run of it (every report alerted, p99 < 1 s in every 5 s, backlog flat): ${result.highestSustainedRate}/s; largest rate with p99 < 1 s in every run: ${result.largestRateP99Under1s}/s
G1 report → first alert request, risk-scoring stopped: p50 ${ms(result.guarantees.reportToFirstAlertScoringStopped.p50)}, p99 ${ms(result.guarantees.reportToFirstAlertScoringStopped.p99)} (${result.guarantees.reportToFirstAlertScoringStopped.alerted} of ${result.guarantees.reportToFirstAlertScoringStopped.reports} alerted; target 5 s)
G4 rise in risk (profile → suspected trafficking) → new alerts: p50 ${ms(result.guarantees.riseInRiskToNewAlerts.p50)}, p99 ${ms(result.guarantees.riseInRiskToNewAlerts.p99)} (${result.guarantees.riseInRiskToNewAlerts.alerted} of ${result.guarantees.riseInRiskToNewAlerts.changes}; target 5 s)
clock lateness: ${result.clock.map((c) => `${c.openEpisodes} open episodes (${c.stepsPerSecond} steps/s): p50 ${ms(c.latenessP50)}, p99 ${ms(c.latenessP99)}, fired ${c.fired}`).join('; ')}
${result.scoring}
RSS idle MiB: ${JSON.stringify(result.rssIdleMiB)}; peak (any rate): ${JSON.stringify(Object.fromEntries(Object.keys(result.rssIdleMiB).map((k) => [k, Math.max(...result.rates.map((r) => r.rssPeakMiB[k] ?? 0))])))}
written ${file}`);
